using Berth.Scanning.Versions;

namespace Berth.Scanning.Advisories.Matching;

/// <summary>
/// Decides whether a version of a package is affected, exactly as the OSV schema's evaluation algorithm
/// (<c>IsVulnerable</c>) describes it, plus the requirement strings of the non-OSV formats.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>versions[]</c>: a listed version matches by ordinal string equality, or when the comparer holds both
/// valid and equal (PEP 440 <c>1.0</c> lists <c>1.0.0</c>).</item>
/// <item>SEMVER and ECOSYSTEM ranges: events are sorted with the ecosystem comparer (stable, so ties keep the
/// source order; <c>introduced: "0"</c> sorts first and is below every version), then walked: at or above
/// <c>introduced</c> → affected, at or above <c>fixed</c> → not, above <c>last_affected</c> → not. With
/// <c>limit</c> events the version must also be below one of them (<c>*</c> is infinity).</item>
/// <item>GIT ranges are never evaluated (Berth has no commit graph): such packages match through
/// <c>versions[]</c> only. Unknown range types are ignored.</item>
/// <item><see cref="VersionConstraints"/> are evaluated with <see cref="ConstraintEvaluator"/>.</item>
/// </list>
/// Withdrawn advisories are the caller's to skip (<see cref="Affects(string, Advisory, PackageKey, IVersionComparer)"/>
/// does). Thread-safe; never throws for non-null arguments.
/// </remarks>
public static class AffectedEvaluator
{
    /// <summary>
    /// Like <see cref="Affects(string, AffectedPackage, IVersionComparer)"/> with the ecosystem's own comparer
    /// (<see cref="Ecosystems.Comparer"/>); for an ecosystem without a known order only an exact
    /// <c>versions[]</c> entry matches.
    /// </summary>
    public static bool Affects(string version, AffectedPackage affected)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(affected);
        return Ecosystems.Comparer(affected.Ecosystem) is { } comparer
            ? Affects(version, affected, comparer)
            : affected.Versions.Contains(version, StringComparer.Ordinal);
    }

    /// <summary>True when <paramref name="version"/> of the package in <paramref name="affected"/> is affected.</summary>
    public static bool Affects(string version, AffectedPackage affected, IVersionComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(affected);
        ArgumentNullException.ThrowIfNull(comparer);
        if (InVersions(version, affected.Versions, comparer))
        {
            return true;
        }

        foreach (var range in affected.Ranges)
        {
            if (InRange(version, range, comparer))
            {
                return true;
            }
        }

        return affected.Constraints is { } constraints && ConstraintEvaluator.Affects(version, constraints, comparer);
    }

    /// <summary>
    /// True when the advisory is not withdrawn and one of its entries for <paramref name="package"/> affects
    /// <paramref name="version"/>.
    /// </summary>
    public static bool Affects(string version, Advisory advisory, PackageKey package, IVersionComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(advisory);
        if (advisory.IsWithdrawn)
        {
            return false;
        }

        foreach (var affected in advisory.Affected)
        {
            if (affected.Ecosystem == package.Ecosystem && affected.NameKey == package.Name
                && Affects(version, affected, comparer))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>OSV <c>IncludedInVersions</c>.</summary>
    public static bool InVersions(string version, IReadOnlyList<string> versions, IVersionComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(versions);
        foreach (var listed in versions)
        {
            if (string.Equals(listed, version, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (versions.Count == 0 || !comparer.IsValid(version))
        {
            return false;
        }

        foreach (var listed in versions)
        {
            if (comparer.IsValid(listed) && comparer.Compare(listed, version) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>OSV <c>IncludedInRanges</c> for one range; false for GIT and unknown range types.</summary>
    public static bool InRange(string version, AffectedRange range, IVersionComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (range.Type is not (RangeTypes.Semver or RangeTypes.Ecosystem) || !BeforeLimits(version, range, comparer))
        {
            return false;
        }

        var vulnerable = false;
        foreach (var evt in Sorted(range.Events, comparer))
        {
            switch (evt.Kind)
            {
                case RangeEventKind.Introduced when evt.IsZero || comparer.Compare(version, evt.Version) >= 0:
                    vulnerable = true;
                    break;
                case RangeEventKind.Fixed when comparer.Compare(version, evt.Version) >= 0:
                case RangeEventKind.LastAffected when comparer.Compare(version, evt.Version) > 0:
                    vulnerable = false;
                    break;
            }
        }

        return vulnerable;
    }

    /// <summary>The events in evaluation order: by version, <c>introduced: "0"</c> first, ties in source order.</summary>
    public static IReadOnlyList<RangeEvent> Sorted(IReadOnlyList<RangeEvent> events, IVersionComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(comparer);
        var ordering = Comparer<RangeEvent>.Create((a, b) =>
        {
            if (a.IsZero || b.IsZero)
            {
                return a.IsZero == b.IsZero ? 0 : a.IsZero ? -1 : 1;
            }

            return comparer.Compare(a.Version, b.Version);
        });
        return events.Order(ordering).ToArray();
    }

    private static bool BeforeLimits(string version, AffectedRange range, IVersionComparer comparer)
    {
        var anyLimit = false;
        foreach (var evt in range.Events)
        {
            if (evt.Kind != RangeEventKind.Limit)
            {
                continue;
            }

            anyLimit = true;
            if (evt.Version.Contains('*', StringComparison.Ordinal) || comparer.Compare(version, evt.Version) < 0)
            {
                return true;
            }
        }

        return !anyLimit;
    }
}
