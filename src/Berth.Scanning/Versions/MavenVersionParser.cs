namespace Berth.Scanning.Versions;

/// <summary>
/// Maven 3.9's <c>ComparableVersion.parseVersion</c> and <c>ListItem.normalize</c>, producing the flat token
/// chain described on <see cref="MavenToken"/>.
/// </summary>
internal static class MavenVersionParser
{
    /// <summary>Parses <paramref name="version"/> into <paramref name="tokens"/> (room for 2n+1); returns the count.</summary>
    public static int Parse(ReadOnlySpan<char> version, Span<MavenToken> tokens)
    {
        var count = 0;
        var inList = 0; // items in the current (innermost) list
        var isDigit = false;
        var start = 0;
        for (var i = 0; i < version.Length; i++)
        {
            var c = version[i];
            if (c is '.' or '-')
            {
                Add(tokens, ref count, ref inList, i == start ? MavenToken.Number(version, i, 0) : Item(version, start, i, isDigit));
                start = i + 1;
                if (c == '-')
                {
                    OpenList(tokens, ref count, ref inList);
                }
            }
            else if (VersionText.IsDigit(c))
            {
                if (!isDigit && i > start)
                {
                    // "rc1": the qualifier goes into a list of its own, and so does what follows.
                    if (inList > 0)
                    {
                        OpenList(tokens, ref count, ref inList);
                    }

                    Add(tokens, ref count, ref inList, MavenToken.Qualifier(version, start, i - start, followedByDigit: true));
                    start = i;
                    OpenList(tokens, ref count, ref inList);
                }

                isDigit = true;
            }
            else
            {
                if (isDigit && i > start)
                {
                    Add(tokens, ref count, ref inList, MavenToken.Number(version, start, i - start));
                    start = i;
                    OpenList(tokens, ref count, ref inList);
                }

                isDigit = false;
            }
        }

        if (version.Length > start)
        {
            // A final ".X" qualifier reads as "-X": 1.0.0.X1 < 1.0.0-X2.
            if (!isDigit && inList > 0)
            {
                OpenList(tokens, ref count, ref inList);
            }

            Add(tokens, ref count, ref inList, Item(version, start, version.Length, isDigit));
        }

        return Normalize(tokens[..count]);
    }

    private static MavenToken Item(ReadOnlySpan<char> version, int start, int end, bool isDigit) =>
        isDigit ? MavenToken.Number(version, start, end - start)
            : MavenToken.Qualifier(version, start, end - start, followedByDigit: false);

    private static void Add(Span<MavenToken> tokens, ref int count, ref int inList, MavenToken token)
    {
        tokens[count++] = token;
        inList++;
    }

    private static void OpenList(Span<MavenToken> tokens, ref int count, ref int inList)
    {
        tokens[count++] = MavenToken.ListStart;
        inList = 0;
    }

    // ListItem.normalize from the innermost list out: drop trailing nulls (numbers 0, release qualifiers)
    // before the list's sublist or end; a list left empty is itself null and dropped from its parent.
    private static int Normalize(Span<MavenToken> tokens)
    {
        var end = tokens.Length;
        var childAlive = false;
        for (var listEnd = tokens.Length; listEnd >= 0;)
        {
            var listStart = listEnd - 1;
            while (listStart >= 0 && tokens[listStart].Item != MavenItem.ListStart)
            {
                listStart--;
            }

            var alive = childAlive;
            var trimming = true;
            for (var i = listEnd - 1; i > listStart; i--)
            {
                if (trimming && tokens[i].IsNullItem)
                {
                    tokens[i].Removed = true;
                }
                else
                {
                    trimming = false;
                    alive = true;
                }
            }

            if (listStart < 0)
            {
                break;
            }

            tokens[listStart].Removed = !alive;
            childAlive = alive;
            listEnd = listStart;
        }

        var count = 0;
        for (var i = 0; i < end; i++)
        {
            if (!tokens[i].Removed)
            {
                tokens[count++] = tokens[i];
            }
        }

        return count;
    }
}
