namespace Berth.Scanning.Pipeline;

/// <summary>
/// <c>Berth:Scanning</c>: the scan queue and the Defender trigger model (scan on push and import, rescan images in
/// use every <see cref="RescanInterval"/>, re-evaluate when advisories change).
/// </summary>
public sealed class ScanningOptions
{
    public const string Section = "Berth:Scanning";

    /// <summary>Scan on push/import and run rescans. Off: no scans are queued and the pull gate lets everything through.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Scans running at once. Default 1 on machines with up to 2 cores (pushes keep the CPU), else 2.</summary>
    public int Concurrency { get; set; } = Environment.ProcessorCount <= 2 ? 1 : 2;

    /// <summary>Scans waiting in memory at most; beyond it a scan waits, still marked queued, for the next rescan run.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How often images in use are rescanned. Defender's default is daily; the older weekly model is <c>7.00:00:00</c>.</summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Rescans cover images pushed within this window...</summary>
    public TimeSpan PushedWithin { get; set; } = TimeSpan.FromDays(90);

    /// <summary>...or pulled within this one.</summary>
    public TimeSpan PulledWithin { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the advisory change feed is checked for imports that need a re-match.</summary>
    public TimeSpan AdvisoryCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An image counts as in use for <c>vulnerability_found</c> events when it was pulled within this window, is
    /// quarantined, or was pushed within it.
    /// </summary>
    public TimeSpan InUseWithin { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Scans yield to pushes: a worker starts its next scan only once no write request arrived for this long
    /// (zero turns yielding off)...
    /// </summary>
    public TimeSpan YieldToPushesFor { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>...but waits no longer than this, so a steady stream of pushes cannot starve scans.</summary>
    public TimeSpan MaxYield { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many blocking findings a pull denial names.</summary>
    public int MaxListedFindings { get; set; } = 5;
}
