namespace Berth.Core.Scanning;

/// <summary>
/// When manifests were pushed and last pulled, for rescans ("pushed in the last 90 days or pulled in the last 30")
/// and quarantine ("pushed after quarantine was turned on"). Thread-safe.
/// </summary>
public interface IManifestActivity
{
    /// <summary>Stores last-pulled times in one transaction (later times win; unknown manifests are skipped).</summary>
    Task RecordPullsAsync(IReadOnlyCollection<(ScanTarget Target, DateTimeOffset At)> pulls, CancellationToken ct);

    /// <summary>When the manifest was pushed, or null when it is unknown.</summary>
    Task<DateTimeOffset?> GetPushedAtAsync(ScanTarget target, CancellationToken ct);

    /// <summary>When the manifest was last pulled (as far as written), or null when never or unknown.</summary>
    Task<DateTimeOffset?> GetLastPulledAtAsync(ScanTarget target, CancellationToken ct);

    /// <summary>
    /// Image manifests and indexes (not artifacts or referrers) pushed at or after <paramref name="pushedSince"/>
    /// or pulled at or after <paramref name="pulledSince"/>.
    /// </summary>
    Task<IReadOnlyList<ScanTarget>> ListInUseAsync(DateTimeOffset pushedSince, DateTimeOffset pulledSince, CancellationToken ct);

    /// <summary>A named counter of the scanner (0 when never set).</summary>
    Task<long> GetCursorAsync(string name, CancellationToken ct);

    Task SetCursorAsync(string name, long value, CancellationToken ct);
}
