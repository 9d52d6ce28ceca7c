using System.Text;

namespace Berth.Core.Scanning.Policy;

/// <summary>
/// Decides whether a pull may proceed under a <see cref="ScanPolicy"/>: pure, thread-safe, never throws for
/// non-null arguments.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>A quarantined image (pushed under <see cref="ScanPolicy.QuarantineNewPushes"/> and not scanned yet) is
/// <see cref="PullOutcome.Quarantined"/> unless the caller may bypass quarantine, or a completed report exists
/// (a completed scan releases it, whatever the flag says).</item>
/// <item>Without a gate, or without any completed report, the pull is allowed: the gate judges findings, and
/// an image nobody has scanned has none to judge (quarantine is the tool for "not scanned yet").</item>
/// <item>Otherwise the last completed report decides — a rescan in progress never blocks an image that passed:
/// findings the gate blocks (<see cref="PullGate.Blocks"/>) and no in-force allowlist entry covers (expired
/// entries are ignored) deny the pull, naming up to <c>maxListed</c> of them with upgrade hints.</item>
/// </list>
/// </remarks>
public static class PullPolicyEvaluator
{
    /// <summary>How many blocking findings a denial names by default.</summary>
    public const int DefaultMaxListed = 5;

    public const string QuarantineMessage = "image is being scanned: it is quarantined until its vulnerability scan completes; try again shortly";

    /// <summary>Decides the pull described by <paramref name="facts"/> under <paramref name="policy"/> (already combined for the repository) at <paramref name="now"/>.</summary>
    public static PullDecision Decide(ScanPolicy policy, PullRequestFacts facts, DateTimeOffset now, int maxListed = DefaultMaxListed)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentOutOfRangeException.ThrowIfNegative(maxListed);
        if (facts.LastCompletedReport is null)
        {
            return facts.Quarantined && !facts.MayBypassQuarantine
                ? new PullDecision { Outcome = PullOutcome.Quarantined, Message = QuarantineMessage }
                : PullDecision.Allow;
        }

        if (policy.Gate is not { } gate)
        {
            return PullDecision.Allow;
        }

        var blocking = BlockingFindings(policy, gate, facts.Repository, facts.LastCompletedReport, now);
        if (blocking.Count == 0)
        {
            return PullDecision.Allow;
        }

        var listed = blocking.Take(maxListed)
            .Select(f => new BlockingFinding(f.Id, f.Severity, f.Package, f.InstalledVersion, f.FixedVersion, f.Remediation))
            .ToArray();
        return new PullDecision
        {
            Outcome = PullOutcome.Denied,
            Message = Describe(gate, facts, listed, blocking.Count),
            Blocking = listed,
            TotalBlocking = blocking.Count,
        };
    }

    /// <summary>The report's findings the gate blocks and no in-force allowlist entry covers, in report order.</summary>
    public static IReadOnlyList<Finding> BlockingFindings(ScanPolicy policy, PullGate gate, string repository, ScanReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(report);
        var inForce = policy.Allowlist.Where(e => !e.IsExpired(now) && e.AppliesTo(repository)).ToArray();
        return ScanReport.Sort(report.Findings.Where(f => gate.Blocks(f) && !inForce.Any(e => f.HasId(e.VulnerabilityId))));
    }

    private static string Describe(PullGate gate, PullRequestFacts facts, IReadOnlyList<BlockingFinding> listed, int total)
    {
        var text = new StringBuilder();
        text.Append($"pull of {facts.Repository}@{facts.Digest} refused by the vulnerability policy: {total} ")
            .Append(total == 1 ? "finding" : "findings")
            .Append($" at or above {gate.MinimumSeverity}")
            .Append(gate.OnlyFixable ? " with a fix available" : string.Empty)
            .Append(": ");
        text.AppendJoin("; ", listed.Select(b => $"{b.Id} ({b.Severity}) in {b.Package} {b.InstalledVersion}"
            + (b.Hint is { } hint ? $", fixed in {b.FixedVersion}: {hint}" : ", no fix available yet")));
        if (total > listed.Count)
        {
            text.Append($"; and {total - listed.Count} more");
        }

        return text.Append(". Upgrade the packages and push again, or allowlist the ids.").ToString();
    }
}
