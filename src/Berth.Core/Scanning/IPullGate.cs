using Berth.Core.Identity;
using Berth.Core.Metadata;

namespace Berth.Core.Scanning;

/// <summary>A manifest pull the gate is asked about: what is pulled, by whom, and the caller's grants.</summary>
public sealed record PullCheck(ScanTarget Target, ManifestRecord Manifest, Principal Caller, Func<CancellationToken, ValueTask<IReadOnlyList<Grant>>> Grants);

/// <summary>The gate's answer: null message when the pull may go ahead, else the reason for a 403 DENIED.</summary>
public readonly record struct PullVerdict(string? DenialMessage)
{
    public static PullVerdict Allow => default;

    public bool Allowed => DenialMessage is null;
}

/// <summary>
/// The scanning side of pull authorization, asked on manifest GET and HEAD after the manifest is found: quarantine
/// and the vulnerability gate. Must be cheap for images that pass (decisions are cached per manifest). Thread-safe;
/// never throws for expected conditions.
/// </summary>
public interface IPullGate
{
    ValueTask<PullVerdict> CheckAsync(PullCheck pull, CancellationToken ct);
}

/// <summary>The gate when scanning is off: every pull goes ahead.</summary>
public sealed class OpenPullGate : IPullGate
{
    public ValueTask<PullVerdict> CheckAsync(PullCheck pull, CancellationToken ct) => ValueTask.FromResult(PullVerdict.Allow);
}
