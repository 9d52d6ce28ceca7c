using Berth.Scanning.Versions;

namespace Berth.Scanning.Advisories.Matching;

/// <summary>Where to upgrade to: the lowest fixed version above the installed one.</summary>
public static class Remediation
{
    /// <summary>
    /// The lowest version above <paramref name="installed"/> that the entry names as a fix and that is not itself
    /// affected (a fix re-broken by a later range is skipped): <c>fixed</c> events of SEMVER/ECOSYSTEM ranges and
    /// the inclusive lower bounds (<c>&gt;=</c>, <c>~&gt;</c>, <c>^</c>, <c>=</c>) of patched requirements.
    /// Null when no such version exists (unfixed, <c>last_affected</c> only, GIT only). Never throws for non-null input.
    /// </summary>
    public static string? LowestFixedAbove(string installed, AffectedPackage affected, IVersionComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(installed);
        ArgumentNullException.ThrowIfNull(affected);
        ArgumentNullException.ThrowIfNull(comparer);
        string? best = null;
        foreach (var candidate in Candidates(affected, comparer))
        {
            if (comparer.Compare(candidate, installed) > 0
                && (best is null || comparer.Compare(candidate, best) < 0)
                && !AffectedEvaluator.Affects(candidate, affected, comparer))
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>The same with the ecosystem's own comparer; null when the ecosystem has no known order.</summary>
    public static string? LowestFixedAbove(string installed, AffectedPackage affected)
    {
        ArgumentNullException.ThrowIfNull(affected);
        return Ecosystems.Comparer(affected.Ecosystem) is { } comparer ? LowestFixedAbove(installed, affected, comparer) : null;
    }

    /// <summary>
    /// Every version the entry names as fixing it, in source order (may repeat): <c>fixed</c> events, and each
    /// patched requirement alternative's lower bound.
    /// </summary>
    public static IEnumerable<string> FixedVersions(AffectedPackage affected, IVersionComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(affected);
        ArgumentNullException.ThrowIfNull(comparer);
        return Candidates(affected, comparer);
    }

    private static IEnumerable<string> Candidates(AffectedPackage affected, IVersionComparer comparer)
    {
        foreach (var range in affected.Ranges)
        {
            if (range.Type is RangeTypes.Semver or RangeTypes.Ecosystem)
            {
                foreach (var evt in range.Events)
                {
                    if (evt.Kind == RangeEventKind.Fixed)
                    {
                        yield return evt.Version;
                    }
                }
            }
        }

        if (affected.Constraints is not { } constraints)
        {
            yield break;
        }

        foreach (var patched in constraints.Patched)
        {
            var requirement = ConstraintEvaluator.Parse(constraints.Syntax, patched);
            if (requirement is null)
            {
                continue;
            }

            foreach (var bound in requirement.LowerBounds(comparer))
            {
                yield return bound;
            }
        }
    }
}
