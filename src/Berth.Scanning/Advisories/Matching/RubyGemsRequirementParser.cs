namespace Berth.Scanning.Advisories.Matching;

/// <summary>
/// Parses RubyGems requirement strings (<c>~&gt; 1.2.5</c>, <c>&gt;= 1.4.0, &lt; 2</c>, <c>= 3.0</c>, a bare
/// version meaning <c>=</c>) into a <see cref="VersionRequirement"/> with one AND-set.
/// </summary>
/// <remarks>
/// <c>~&gt; X</c> is RubyGems' pessimistic operator: <c>&gt;= X</c> and the version's release below X's bump
/// (<c>~&gt; 1.2.5</c> → <c>&lt; 1.3</c>, <c>~&gt; 2</c> → <c>&lt; 3</c>). Comparing the release part is what
/// keeps <c>1.3.0.pre</c> outside <c>~&gt; 1.2.5</c>, as in RubyGems.
/// </remarks>
public static class RubyGemsRequirementParser
{
    private static readonly string[] Operators = ["~>", ">=", "<=", "!=", "=", ">", "<"];

    /// <summary>Parses <paramref name="text"/>; false (and null) when it is not a requirement.</summary>
    public static bool TryParse(string text, out VersionRequirement? requirement)
    {
        ArgumentNullException.ThrowIfNull(text);
        requirement = null;
        var set = new List<VersionComparison>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!TryParseOne(part, set))
            {
                return false;
            }
        }

        requirement = new VersionRequirement([set]);
        return true;
    }

    /// <summary>
    /// RubyGems' <c>Version#release</c>: the version without its prerelease part (everything from the first
    /// segment holding a letter). <c>1.3.0.pre</c> → <c>1.3.0</c>, <c>2.0a</c> → <c>2.0</c>.
    /// </summary>
    public static string Release(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        for (var i = 0; i < version.Length; i++)
        {
            if (char.IsAsciiLetter(version[i]))
            {
                return version[..i].TrimEnd('.', '-');
            }
        }

        return version;
    }

    /// <summary>RubyGems' <c>Version#bump</c>: drop prerelease segments and the last segment, increment the new last.</summary>
    public static string Bump(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var segments = Release(version).Split('.', '-').Where(s => s.Length > 0).ToList();
        if (segments.Count > 1)
        {
            segments.RemoveAt(segments.Count - 1);
        }

        if (segments.Count == 0 || !System.Numerics.BigInteger.TryParse(segments[^1], out var last))
        {
            return version;
        }

        segments[^1] = (last + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Join('.', segments);
    }

    private static bool TryParseOne(string part, List<VersionComparison> set)
    {
        var op = Operators.FirstOrDefault(o => part.StartsWith(o, StringComparison.Ordinal)) ?? "=";
        var version = (part.StartsWith(op, StringComparison.Ordinal) ? part[op.Length..] : part).Trim();
        if (version.Length == 0 || !char.IsAsciiDigit(version[0]) || version.Any(char.IsWhiteSpace))
        {
            return false;
        }

        switch (op)
        {
            case "~>":
                set.Add(new VersionComparison(ComparisonOperator.GreaterOrEqual, version));
                set.Add(new VersionComparison(ComparisonOperator.ReleaseLess, Bump(version)));
                break;
            default:
                set.Add(new VersionComparison(OperatorOf(op), version));
                break;
        }

        return true;
    }

    private static ComparisonOperator OperatorOf(string op) => op switch
    {
        ">=" => ComparisonOperator.GreaterOrEqual,
        "<=" => ComparisonOperator.LessOrEqual,
        "!=" => ComparisonOperator.NotEqual,
        ">" => ComparisonOperator.Greater,
        "<" => ComparisonOperator.Less,
        _ => ComparisonOperator.Equal,
    };
}
