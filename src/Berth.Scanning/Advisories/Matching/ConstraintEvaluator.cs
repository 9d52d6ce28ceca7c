using System.Collections.Concurrent;
using Berth.Scanning.Versions;

namespace Berth.Scanning.Advisories.Matching;

/// <summary>Evaluates <see cref="VersionConstraints"/>; parsed requirements are cached (thread-safe).</summary>
public static class ConstraintEvaluator
{
    private const int CacheLimit = 50_000;
    private static readonly ConcurrentDictionary<(string Syntax, string Text), VersionRequirement?> Cache = new();

    /// <summary>
    /// True when <paramref name="version"/> satisfies <see cref="VersionConstraints.Vulnerable"/> (or it is null)
    /// and none of the patched or unaffected requirements. A requirement that does not parse is treated as not
    /// satisfied, so a broken <c>Vulnerable</c> matches nothing and a broken patched entry excludes nothing
    /// (importers refuse such strings, so this only concerns hand-made data).
    /// </summary>
    public static bool Affects(string version, VersionConstraints constraints, IVersionComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        if (constraints.Vulnerable is { } vulnerable && !Satisfies(version, constraints.Syntax, vulnerable, comparer))
        {
            return false;
        }

        return !constraints.Patched.Any(p => Satisfies(version, constraints.Syntax, p, comparer))
            && !constraints.Unaffected.Any(u => Satisfies(version, constraints.Syntax, u, comparer));
    }

    /// <summary>True when <paramref name="version"/> satisfies the requirement <paramref name="text"/>.</summary>
    public static bool Satisfies(string version, string syntax, string text, IVersionComparer comparer) =>
        Parse(syntax, text)?.IsSatisfiedBy(version, comparer) ?? false;

    /// <summary>The parsed requirement, or null when <paramref name="text"/> is not valid in <paramref name="syntax"/>.</summary>
    public static VersionRequirement? Parse(string syntax, string text)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        ArgumentNullException.ThrowIfNull(text);
        if (Cache.TryGetValue((syntax, text), out var cached))
        {
            return cached;
        }

        VersionRequirement? parsed = null;
        var ok = syntax switch
        {
            ConstraintSyntax.RubyGems => RubyGemsRequirementParser.TryParse(text, out parsed),
            ConstraintSyntax.Npm => NpmRangeParser.TryParse(text, out parsed),
            _ => false,
        };
        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }

        Cache[(syntax, text)] = ok ? parsed : null;
        return ok ? parsed : null;
    }
}
