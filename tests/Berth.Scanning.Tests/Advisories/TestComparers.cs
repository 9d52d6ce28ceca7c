using System.Numerics;
using System.Text.RegularExpressions;
using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Advisories;

/// <summary>
/// Small stand-ins for the SemVer and RubyGems comparers (helper/versions has not shipped them yet), enough to
/// exercise the advisory evaluators: SemVer 2.0 precedence, and Gem::Version ordering.
/// </summary>
internal static partial class TestComparers
{
    public static IVersionComparer SemVer { get; } = new SemVerComparer();

    public static IVersionComparer RubyGems { get; } = new GemComparer();

    private sealed class SemVerComparer : VersionComparer
    {
        public override string Scheme => "semver";

        protected override bool IsValidCore(string version) => SemVerPattern().IsMatch(version);

        protected override int CompareCore(string x, string y)
        {
            var (a, aPre) = Split(x);
            var (b, bPre) = Split(y);
            for (var i = 0; i < 3; i++)
            {
                var c = a[i].CompareTo(b[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            if (aPre.Length == 0 || bPre.Length == 0)
            {
                return aPre.Length == bPre.Length ? 0 : aPre.Length == 0 ? 1 : -1;
            }

            var ap = aPre.Split('.');
            var bp = bPre.Split('.');
            for (var i = 0; i < Math.Min(ap.Length, bp.Length); i++)
            {
                var an = BigInteger.TryParse(ap[i], out var ai);
                var bn = BigInteger.TryParse(bp[i], out var bi);
                var c = an && bn ? ai.CompareTo(bi) : an ? -1 : bn ? 1 : string.CompareOrdinal(ap[i], bp[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return ap.Length.CompareTo(bp.Length);
        }

        private static (BigInteger[] Core, string Pre) Split(string version)
        {
            var v = version.TrimStart('v');
            var plus = v.IndexOf('+', StringComparison.Ordinal);
            v = plus >= 0 ? v[..plus] : v;
            var dash = v.IndexOf('-', StringComparison.Ordinal);
            var pre = dash >= 0 ? v[(dash + 1)..] : string.Empty;
            var core = (dash >= 0 ? v[..dash] : v).Split('.');
            var numbers = new BigInteger[3];
            for (var i = 0; i < 3 && i < core.Length; i++)
            {
                numbers[i] = BigInteger.TryParse(core[i], out var n) ? n : 0;
            }

            return (numbers, pre);
        }
    }

    private sealed class GemComparer : VersionComparer
    {
        public override string Scheme => "rubygems";

        protected override bool IsValidCore(string version) => GemPattern().IsMatch(version);

        protected override int CompareCore(string x, string y)
        {
            var a = Segments(x);
            var b = Segments(y);
            for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
            {
                var l = i < a.Count ? a[i] : "0";
                var r = i < b.Count ? b[i] : "0";
                var ln = BigInteger.TryParse(l, out var li);
                var rn = BigInteger.TryParse(r, out var ri);
                var c = ln && rn ? li.CompareTo(ri) : ln ? 1 : rn ? -1 : string.CompareOrdinal(l, r);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        }

        private static List<string> Segments(string version)
        {
            var segments = SegmentPattern().Matches(version.Replace("-", ".pre.", StringComparison.Ordinal)).Select(m => m.Value).ToList();
            while (segments.Count > 1 && segments[^1] == "0")
            {
                segments.RemoveAt(segments.Count - 1);
            }

            return segments;
        }
    }

    [GeneratedRegex(@"^v?[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVerPattern();

    [GeneratedRegex(@"^[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$")]
    private static partial Regex GemPattern();

    [GeneratedRegex(@"[0-9]+|[a-zA-Z]+")]
    private static partial Regex SegmentPattern();
}
