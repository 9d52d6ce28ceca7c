namespace Berth.Scanning.Versions;

/// <summary>
/// Python package versions ordered as <c>packaging.version.Version</c> orders them (PEP 440): epoch, release
/// numbers (trailing zeros insignificant: <c>1.0</c> = <c>1.0.0</c>), then <c>.devN</c> of a final release
/// &lt; <c>aN</c> &lt; <c>bN</c> &lt; <c>rcN</c> &lt; final &lt; <c>.postN</c>, a dev release before the
/// release it belongs to, and a local version after the same public version (<c>1.0+local</c> &gt;
/// <c>1.0</c>), local segments numeric-after-alphabetic. Spellings are normalised: <c>1.0-ALPHA.1</c> =
/// <c>1.0a1</c>, <c>1.0-1</c> = <c>1.0.post1</c>.
/// </summary>
/// <remarks>
/// Strings that are not PEP 440 versions are the "legacy" versions of packaging before 22.0 (and of
/// setuptools' <c>pkg_resources</c>), ordered as its <c>LegacyVersion</c> did: before every PEP 440 version,
/// and among themselves by its key (numbers zero-padded to 8 digits, <c>pre</c>/<c>preview</c>/<c>rc</c> as
/// <c>c</c>, <c>dev</c> as <c>@</c>, and so on). Every string has such a key, so nothing orders specially.
/// </remarks>
public sealed class Pep440VersionComparer : VersionComparer
{
    /// <summary>The shared instance.</summary>
    public static Pep440VersionComparer Instance { get; } = new();

    /// <inheritdoc />
    public override string Scheme => "pep440";

    /// <inheritdoc />
    protected override bool IsValidCore(string version) => Pep440Parts.TryParse(version, out _);

    /// <inheritdoc />
    protected override int CompareCore(string x, string y)
    {
        var validA = Pep440Parts.TryParse(x, out var a);
        var validB = Pep440Parts.TryParse(y, out var b);
        if (validA != validB)
        {
            return validA ? 1 : -1;
        }

        return validA ? Compare(a, b) : Pep440LegacyKey.Compare(x, y);
    }

    // packaging's _cmpkey: (epoch, release, pre, post, dev, local).
    private static int Compare(Pep440Parts a, Pep440Parts b)
    {
        var result = VersionText.CompareNumbers(a.Epoch, b.Epoch);
        if (result == 0)
        {
            result = CompareRelease(a.Release, b.Release);
        }

        if (result == 0)
        {
            result = PreRank(a).CompareTo(PreRank(b));
        }

        if (result == 0 && a.PrePhase >= 0)
        {
            result = VersionText.CompareNumbers(a.PreNumber, b.PreNumber);
        }

        if (result == 0 && a.HasPost != b.HasPost)
        {
            return a.HasPost ? 1 : -1;
        }

        if (result == 0)
        {
            result = VersionText.CompareNumbers(a.PostNumber, b.PostNumber);
        }

        if (result == 0 && a.HasDev != b.HasDev)
        {
            return a.HasDev ? -1 : 1;
        }

        if (result == 0)
        {
            result = VersionText.CompareNumbers(a.DevNumber, b.DevNumber);
        }

        if (result == 0 && a.HasLocal != b.HasLocal)
        {
            return a.HasLocal ? 1 : -1;
        }

        return result != 0 ? result : CompareLocal(a.Local, b.Local);
    }

    // A dev release of a final release (no pre, no post) sorts before its pre-releases; no pre sorts after them.
    private static int PreRank(Pep440Parts v) =>
        v.PrePhase >= 0 ? v.PrePhase : !v.HasPost && v.HasDev ? -1 : 3;

    private static int CompareRelease(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var left = a.Split('.');
        var right = b.Split('.');
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft && !hasRight)
            {
                return 0;
            }

            var result = VersionText.CompareNumbers(hasLeft ? a[left.Current] : [], hasRight ? b[right.Current] : []);
            if (result != 0)
            {
                return result;
            }
        }
    }

    // Segments split on . - _; numeric segments compare numerically and after alphabetic ones (compared
    // case-insensitively); a prefix orders first.
    private static int CompareLocal(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var left = a.SplitAny("._-");
        var right = b.SplitAny("._-");
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft == hasRight ? 0 : hasLeft ? 1 : -1;
            }

            var l = a[left.Current];
            var r = b[right.Current];
            var leftNumeric = VersionText.DigitRun(l) == l.Length;
            var rightNumeric = VersionText.DigitRun(r) == r.Length;
            var result = leftNumeric && rightNumeric ? VersionText.CompareNumbers(l, r)
                : leftNumeric != rightNumeric ? (leftNumeric ? 1 : -1)
                : Math.Sign(l.CompareTo(r, StringComparison.OrdinalIgnoreCase));
            if (result != 0)
            {
                return result;
            }
        }
    }
}
