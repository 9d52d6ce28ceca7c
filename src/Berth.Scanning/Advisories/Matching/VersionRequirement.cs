using Berth.Scanning.Versions;

namespace Berth.Scanning.Advisories.Matching;

/// <summary>The comparison a <see cref="VersionComparison"/> makes.</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,

    /// <summary>The version's release part (prerelease segments dropped, RubyGems <c>Version#release</c>) is below the bound.</summary>
    ReleaseLess,
}

/// <summary>One primitive comparison against a bound version.</summary>
public sealed record VersionComparison(ComparisonOperator Operator, string Version);

/// <summary>
/// A parsed requirement: alternatives (OR) of comparison sets (AND). Both RubyGems requirements and node-semver
/// ranges reduce to this; ordering comes from the ecosystem comparer passed in, so prereleases are ordinary
/// versions in that order (node-semver's <c>includePrerelease</c> reading: a prerelease below a fix is affected).
/// </summary>
public sealed class VersionRequirement
{
    public VersionRequirement(IReadOnlyList<IReadOnlyList<VersionComparison>> alternatives)
    {
        ArgumentNullException.ThrowIfNull(alternatives);
        Alternatives = alternatives;
    }

    /// <summary>OR of AND-sets; an empty set matches every version.</summary>
    public IReadOnlyList<IReadOnlyList<VersionComparison>> Alternatives { get; }

    /// <summary>True when one alternative's comparisons all hold for <paramref name="version"/>.</summary>
    public bool IsSatisfiedBy(string version, IVersionComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(comparer);
        foreach (var set in Alternatives)
        {
            if (set.All(c => Holds(version, c, comparer)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Each alternative's inclusive lower bound — the greatest of its <c>&gt;=</c> and <c>=</c> bounds
    /// (<c>~&gt; 7.0.8, &gt;= 7.0.8.5</c> → <c>7.0.8.5</c>) — as candidate fixed versions; alternatives with none
    /// give nothing.
    /// </summary>
    public IEnumerable<string> LowerBounds(IVersionComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(comparer);
        foreach (var set in Alternatives)
        {
            string? bound = null;
            foreach (var c in set)
            {
                if (c.Operator is ComparisonOperator.GreaterOrEqual or ComparisonOperator.Equal
                    && (bound is null || comparer.Compare(c.Version, bound) > 0))
                {
                    bound = c.Version;
                }
            }

            if (bound is not null)
            {
                yield return bound;
            }
        }
    }

    private static bool Holds(string version, VersionComparison comparison, IVersionComparer comparer)
    {
        if (comparison.Operator == ComparisonOperator.ReleaseLess)
        {
            return comparer.Compare(RubyGemsRequirementParser.Release(version), comparison.Version) < 0;
        }

        var order = comparer.Compare(version, comparison.Version);
        return comparison.Operator switch
        {
            ComparisonOperator.Equal => order == 0,
            ComparisonOperator.NotEqual => order != 0,
            ComparisonOperator.Less => order < 0,
            ComparisonOperator.LessOrEqual => order <= 0,
            ComparisonOperator.Greater => order > 0,
            _ => order >= 0,
        };
    }
}
