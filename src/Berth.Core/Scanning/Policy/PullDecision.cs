namespace Berth.Core.Scanning.Policy;

/// <summary>What the scanning policy says about one pull.</summary>
public enum PullOutcome
{
    Allowed,

    /// <summary>The image has findings the gate refuses: answer 403 with <see cref="PullDecision.Message"/>.</summary>
    Denied,

    /// <summary>The image is quarantined until its first scan completes: answer 403 with <see cref="PullDecision.Message"/>.</summary>
    Quarantined,
}

/// <summary>One finding that blocked a pull, with the hint that fixes it.</summary>
public sealed record BlockingFinding(string Id, FindingSeverity Severity, string Package, string InstalledVersion, string? FixedVersion, string? Hint);

/// <summary>
/// The decision for one pull: the outcome, a message to show the client (null when allowed), and for denials
/// the blocking findings (at most the evaluator's limit, in report order) and how many there were in all.
/// </summary>
public sealed record PullDecision
{
    public static PullDecision Allow { get; } = new() { Outcome = PullOutcome.Allowed };

    public required PullOutcome Outcome { get; init; }

    public string? Message { get; init; }

    public IReadOnlyList<BlockingFinding> Blocking { get; init; } = [];

    /// <summary>All blocking findings, including those beyond the listed ones.</summary>
    public int TotalBlocking { get; init; }

    public bool Allowed => Outcome == PullOutcome.Allowed;
}

/// <summary>
/// What the pull path knows about the image when it asks <see cref="PullPolicyEvaluator"/>.
/// </summary>
/// <param name="Repository">The repository pulled from.</param>
/// <param name="Digest">The manifest digest pulled.</param>
/// <param name="LastCompletedReport">The newest COMPLETED report of this manifest; null when no scan has completed. A scan in progress is not a report.</param>
/// <param name="Quarantined">True when the manifest was pushed while the registry quarantined new pushes and no scan of it has completed since.</param>
/// <param name="MayBypassQuarantine">True for the image's pusher and callers with AcrImageSigner or Owner: they may pull quarantined images.</param>
public sealed record PullRequestFacts(
    string Repository,
    string Digest,
    ScanReport? LastCompletedReport,
    bool Quarantined = false,
    bool MayBypassQuarantine = false);
