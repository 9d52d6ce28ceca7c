namespace Berth.Scanning.Versions;

/// <summary>The token kinds of an apk version, in the order they may appear (the order matters).</summary>
internal enum ApkToken
{
    InitialDigit,
    Digit,
    Letter,
    Suffix,
    SuffixNumber,
    CommitHash,
    Revision,

    /// <summary>A number with no digits (lenient reading only); it parses like a number but orders here.</summary>
    EmptyNumber,
    End,
    Invalid,
}

/// <summary>apk's suffixes in sort order; <see cref="None"/> is the position of "no suffix".</summary>
internal enum ApkSuffix
{
    Invalid,
    Alpha,
    Beta,
    Pre,
    Rc,
    None,
    Cvs,
    Svn,
    Git,
    Hg,
    P,
}

/// <summary>
/// Lexes an apk version one token at a time, validating that each token may follow the previous one
/// (apk-tools 3's <c>token_next</c>); an out-of-place or malformed token yields <see cref="ApkToken.Invalid"/>.
/// Digits may follow a letter (<c>6.6.1p1</c>), as apk-tools 2 allowed and old Alpine versions use.
/// </summary>
/// <remarks>
/// When <c>lenient</c>, the lexer also reads what apk-tools 2 read and apk-tools 3 rejects: an empty
/// number (a version not starting with a digit, <c>0..1</c>, a trailing <c>.</c>) and <c>-r</c> without
/// digits at the end (revision 0).
/// </remarks>
internal ref struct ApkTokenizer
{
    private readonly bool _lenient;
    private ReadOnlySpan<char> _rest;

    public ApkTokenizer(string version, bool lenient)
    {
        _rest = version;
        _lenient = lenient;
        Token = ApkToken.InitialDigit;
        ParseDigits();
    }

    /// <summary>The lexer state: the kind of the current token as the grammar sees it.</summary>
    public ApkToken Token { get; private set; }

    /// <summary>The kind of the current token for ordering: an empty number is <see cref="ApkToken.EmptyNumber"/>.</summary>
    public readonly ApkToken Kind => Token <= ApkToken.Digit && Value.IsEmpty ? ApkToken.EmptyNumber : Token;

    public ReadOnlySpan<char> Value { get; private set; }

    public ApkSuffix Suffix { get; private set; }

    public void Next()
    {
        if (_rest.IsEmpty)
        {
            Token = ApkToken.End;
            return;
        }

        var c = _rest[0];
        switch (c)
        {
            case >= 'a' and <= 'z' when Token <= ApkToken.Digit:
                Value = _rest[..1];
                Token = ApkToken.Letter;
                _rest = _rest[1..];
                break;
            case '.' when Token <= ApkToken.Digit:
            case >= '0' and <= '9' when Token is <= ApkToken.Letter or ApkToken.Suffix:
                if (c == '.')
                {
                    _rest = _rest[1..];
                }

                Token = Token == ApkToken.Suffix ? ApkToken.SuffixNumber : ApkToken.Digit;
                ParseDigits();
                break;
            case '_' when Token <= ApkToken.SuffixNumber:
                var length = LowerRun(_rest[1..]);
                Value = _rest.Slice(1, length);
                _rest = _rest[(1 + length)..];
                Suffix = SuffixOf(Value);
                Token = Suffix == ApkSuffix.Invalid ? ApkToken.Invalid : ApkToken.Suffix;
                break;
            case '~' when Token < ApkToken.CommitHash:
                var hex = HexRun(_rest[1..]);
                Value = _rest.Slice(1, hex);
                _rest = _rest[(1 + hex)..];
                Token = hex == 0 ? ApkToken.Invalid : ApkToken.CommitHash;
                break;
            case '-' when Token < ApkToken.Revision && _rest.Length > 1 && _rest[1] == 'r':
                _rest = _rest[2..];
                Token = ApkToken.Revision;
                if (_lenient && _rest.IsEmpty)
                {
                    Value = [];
                }
                else
                {
                    ParseDigits();
                }

                break;
            default:
                Token = ApkToken.Invalid;
                break;
        }
    }

    private void ParseDigits()
    {
        var length = VersionText.DigitRun(_rest);
        Value = _rest[..length];
        _rest = _rest[length..];
        if (length == 0 && !(_lenient && Token <= ApkToken.Digit))
        {
            Token = ApkToken.Invalid;
        }
    }

    private static int LowerRun(ReadOnlySpan<char> s)
    {
        var i = 0;
        while (i < s.Length && s[i] is >= 'a' and <= 'z')
        {
            i++;
        }

        return i;
    }

    private static int HexRun(ReadOnlySpan<char> s)
    {
        var i = 0;
        while (i < s.Length && s[i] is >= '0' and <= '9' or >= 'a' and <= 'f')
        {
            i++;
        }

        return i;
    }

    private static ApkSuffix SuffixOf(ReadOnlySpan<char> name) => name switch
    {
        "alpha" => ApkSuffix.Alpha,
        "beta" => ApkSuffix.Beta,
        "pre" => ApkSuffix.Pre,
        "rc" => ApkSuffix.Rc,
        "cvs" => ApkSuffix.Cvs,
        "svn" => ApkSuffix.Svn,
        "git" => ApkSuffix.Git,
        "hg" => ApkSuffix.Hg,
        "p" => ApkSuffix.P,
        _ => ApkSuffix.Invalid,
    };
}
