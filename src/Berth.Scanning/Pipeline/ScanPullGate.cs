using System.Collections.Concurrent;
using Berth.Core.Identity;
using Berth.Core.Scanning;
using Berth.Core.Scanning.Policy;
using Microsoft.Extensions.Options;

namespace Berth.Scanning.Pipeline;

/// <summary>
/// The scanning <see cref="IPullGate"/>: quarantine (manifests pushed while the policy quarantines new pushes, until
/// their first scan completes; the pusher and callers with the Sign permission — Owner, Contributor, AcrImageSigner —
/// may still pull) and the vulnerability gate (decided by <see cref="PullPolicyEvaluator"/> from the last COMPLETED
/// report, so a rescan in progress never blocks an image that passed). Repositories without quarantine or gate cost
/// one dictionary lookup; others a cached decision per manifest, dropped on a new report or policy change and when an
/// allowlist entry it relied on expires.
/// </summary>
public sealed class ScanPullGate(ScanPolicyService policies, ScanStateCache states, IOptions<ScanningOptions> options, TimeProvider time) : IPullGate
{
    private readonly ConcurrentDictionary<ScanTarget, CachedDecision> _decisions = new();

    public async ValueTask<PullVerdict> CheckAsync(PullCheck pull, CancellationToken ct)
    {
        if (!options.Value.Enabled)
        {
            return PullVerdict.Allow;
        }

        var target = pull.Target;
        var effective = await policies.GetEffectiveAsync(target.RegistryId, target.Repository, ct);
        if (!effective.Policy.Quarantine && effective.Policy.Gate == GateSeverity.Off)
        {
            return PullVerdict.Allow;
        }

        var state = await states.GetAsync(target, pull.Manifest, ct);
        if (!state.Scannable)
        {
            return PullVerdict.Allow;
        }

        var decision = Decide(target, effective, state);
        if (decision.Outcome == PullOutcome.Quarantined && await MayBypassAsync(pull, state, ct))
        {
            return PullVerdict.Allow;
        }

        return decision.Allowed ? PullVerdict.Allow : new PullVerdict(decision.Message ?? "pull refused by the vulnerability policy");
    }

    private PullDecision Decide(ScanTarget target, EffectiveScanPolicy effective, ScanState state)
    {
        var now = time.GetUtcNow();
        var version = policies.Version;
        if (_decisions.TryGetValue(target, out var cached) && cached.PolicyVersion == version && ReferenceEquals(cached.Policy, effective)
            && ReferenceEquals(cached.State, state) && now < cached.ValidUntil)
        {
            return cached.Decision;
        }

        var policy = effective.Policy;
        var quarantined = policy.Quarantine && state.Report is null && state.PushedAt is { } pushed && policy.QuarantineSince is { } since && pushed >= since;
        var facts = new PullRequestFacts(target.Repository, target.Manifest.ToString(), state.Report, quarantined);
        var decision = PullPolicyEvaluator.Decide(ToEvaluatorPolicy(effective), facts, now, options.Value.MaxListedFindings);

        // An allowlist entry that expires changes the decision without any write: stop trusting it then.
        var validUntil = effective.Allowlist.Where(e => e.IsActive(now) && e.ExpiresAt is not null).Select(e => e.ExpiresAt!.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        _decisions[target] = new CachedDecision(version, effective, state, validUntil, decision);
        return decision;
    }

    private static async Task<bool> MayBypassAsync(PullCheck pull, ScanState state, CancellationToken ct)
    {
        if (state.PushedBy is { } pusher && string.Equals(pusher, pull.Caller.Name, StringComparison.Ordinal) && !pull.Caller.IsAnonymous)
        {
            return true;
        }

        var grants = await pull.Grants(ct);
        return grants.Any(g => g.Covers(pull.Target.RegistryId, pull.Target.Repository) && g.Resources.HasFlag(ResourcePermission.Sign));
    }

    private static ScanPolicy ToEvaluatorPolicy(EffectiveScanPolicy effective) => new()
    {
        QuarantineNewPushes = effective.Policy.Quarantine,
        Gate = effective.Policy.Gate == GateSeverity.Off ? null : new PullGate
        {
            MinimumSeverity = Enum.Parse<FindingSeverity>(effective.Policy.Gate.ToString()),
            OnlyFixable = effective.Policy.OnlyFixable,
        },
        Allowlist = effective.Allowlist.Select(e => new AllowlistEntry(e.VulnerabilityId, e.ExpiresAt, e.Repository)).ToList(),
    };

    private sealed record CachedDecision(long PolicyVersion, EffectiveScanPolicy Policy, ScanState State, DateTimeOffset ValidUntil, PullDecision Decision);
}
