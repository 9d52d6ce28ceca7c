using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Berth.Scanning.Advisories.Matching;

/// <summary>
/// Parses node-semver ranges (<c>&lt;=1.0.0</c>, <c>&gt;=1.2.0 &lt;1.4.0 || ^2.1.0</c>, <c>1.x</c>, <c>~1.2</c>,
/// <c>1.2.3 - 2.0</c>, <c>*</c>) into a <see cref="VersionRequirement"/>, desugaring tilde, caret, X-ranges,
/// partial versions and hyphen ranges the way node-semver does (upper bounds use the <c>-0</c> prerelease, so
/// <c>^1.2.3</c> is <c>&gt;=1.2.3 &lt;2.0.0-0</c>).
/// </summary>
public static partial class NpmRangeParser
{
    /// <summary>Parses <paramref name="text"/>; false (and null) when it is not a node-semver range.</summary>
    public static bool TryParse(string text, out VersionRequirement? requirement)
    {
        ArgumentNullException.ThrowIfNull(text);
        requirement = null;
        var alternatives = new List<IReadOnlyList<VersionComparison>>();
        foreach (var alternative in text.Split("||", StringSplitOptions.TrimEntries))
        {
            var set = new List<VersionComparison>();
            if (!TryParseSet(alternative, set))
            {
                return false;
            }

            alternatives.Add(set);
        }

        requirement = new VersionRequirement(alternatives);
        return true;
    }

    private static bool TryParseSet(string text, List<VersionComparison> set)
    {
        var hyphen = HyphenRange().Match(text);
        if (hyphen.Success)
        {
            return Partial.TryParse(hyphen.Groups[1].Value, out var low) && Partial.TryParse(hyphen.Groups[2].Value, out var high)
                && Add(set, ">=", low) && Add(set, "<=", high);
        }

        // node-semver allows a space between an operator and its version: ">= 1.2.0".
        foreach (Match token in Comparator().Matches(OperatorSpace().Replace(text, "$1")))
        {
            if (!Partial.TryParse(token.Groups[2].Value, out var partial) || !Add(set, token.Groups[1].Value, partial))
            {
                return false;
            }
        }

        return Comparator().Replace(OperatorSpace().Replace(text, "$1"), string.Empty).Trim().Length == 0;
    }

    private static bool Add(List<VersionComparison> set, string op, Partial v)
    {
        void Ge(string version) => set.Add(new VersionComparison(ComparisonOperator.GreaterOrEqual, version));
        void Lt(string version) => set.Add(new VersionComparison(ComparisonOperator.Less, version));
        op = op == "~>" ? "~" : op;
        if (v.Major is null)
        {
            // "*", "x", ">=*": every version; "<*" and ">*": none.
            return op is "" or "=" or ">=" or "<=" or "~" or "^" ? true : AddNone(set);
        }

        var major = v.Major.Value;
        switch (op)
        {
            case "" or "=" when v.IsFull:
                set.Add(new VersionComparison(ComparisonOperator.Equal, v.Full));
                return true;
            case "" or "=" or "~" when !v.IsFull:
                Ge(v.Floor);
                Lt(v.Minor is null ? Zero(major + 1, 0, 0) : Zero(major, v.Minor.Value + 1, 0));
                return true;
            case "~":
                Ge(v.Full);
                Lt(Zero(major, v.Minor!.Value + 1, 0));
                return true;
            case "^":
                Ge(v.IsFull ? v.Full : v.Floor);
                Lt(major > 0 || v.Minor is null ? Zero(major + 1, 0, 0)
                    : v.Minor > 0 || v.Patch is null ? Zero(0, v.Minor.Value + 1, 0)
                    : Zero(0, 0, v.Patch.Value + 1));
                return true;
            case ">=":
                Ge(v.IsFull ? v.Full : v.Floor);
                return true;
            case ">":
                if (v.IsFull)
                {
                    set.Add(new VersionComparison(ComparisonOperator.Greater, v.Full));
                }
                else
                {
                    Ge(v.Minor is null ? Text(major + 1, 0, 0) : Text(major, v.Minor.Value + 1, 0));
                }

                return true;
            case "<":
                Lt(v.IsFull ? v.Full : Zero(major, v.Minor ?? 0, 0));
                return true;
            case "<=":
                if (v.IsFull)
                {
                    set.Add(new VersionComparison(ComparisonOperator.LessOrEqual, v.Full));
                }
                else
                {
                    Lt(v.Minor is null ? Zero(major + 1, 0, 0) : Zero(major, v.Minor.Value + 1, 0));
                }

                return true;
            default:
                return false;
        }
    }

    private static bool AddNone(List<VersionComparison> set)
    {
        set.Add(new VersionComparison(ComparisonOperator.Less, "0.0.0-0"));
        return true;
    }

    private static string Text(BigInteger major, BigInteger minor, BigInteger patch) =>
        string.Create(CultureInfo.InvariantCulture, $"{major}.{minor}.{patch}");

    private static string Zero(BigInteger major, BigInteger minor, BigInteger patch) => Text(major, minor, patch) + "-0";

    /// <summary>A possibly partial version: <c>1</c>, <c>1.2</c>, <c>1.2.x</c>, <c>1.2.3-beta.1+build</c>.</summary>
    private sealed record Partial(BigInteger? Major, BigInteger? Minor, BigInteger? Patch, string Suffix)
    {
        public bool IsFull => Patch is not null;

        public string Full => Text(Major!.Value, Minor!.Value, Patch!.Value) + Suffix;

        public string Floor => Text(Major ?? 0, Minor ?? 0, Patch ?? 0);

        public static bool TryParse(string text, out Partial value)
        {
            value = new Partial(null, null, null, string.Empty);
            var match = PartialVersion().Match(text);
            if (!match.Success)
            {
                return false;
            }

            var parts = new BigInteger?[3];
            for (var i = 0; i < 3; i++)
            {
                var group = match.Groups[i + 1];
                if (!group.Success || group.Value is "x" or "X" or "*")
                {
                    break;
                }

                parts[i] = BigInteger.Parse(group.Value, CultureInfo.InvariantCulture);
            }

            // A prerelease only counts on a full version; build metadata never orders.
            var suffix = parts[2] is null ? string.Empty : match.Groups[4].Value;
            value = new Partial(parts[0], parts[1], parts[2], suffix);
            return true;
        }
    }

    [GeneratedRegex(@"^\s*(\S+)\s+-\s+(\S+)\s*$")]
    private static partial Regex HyphenRange();

    [GeneratedRegex(@"(<=|>=|<|>|=|~>|~|\^)\s+")]
    private static partial Regex OperatorSpace();

    [GeneratedRegex(@"(<=|>=|<|>|=|~>?|\^|)([vV=]*[0-9xX*][^\s<>=~^|]*)")]
    private static partial Regex Comparator();

    [GeneratedRegex(@"^[vV=]*([0-9]+|[xX*])(?:\.([0-9]+|[xX*]))?(?:\.([0-9]+|[xX*]))?(-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex PartialVersion();
}
