using System.Collections.Concurrent;
using Berth.Core.Metadata;
using Berth.Core.Scanning;

namespace Berth.Scanning.Pipeline;

/// <summary>What the pull gate needs about one manifest, read once and kept in memory.</summary>
/// <param name="Report">All platforms' findings of the last completed scan; null before the first completes.</param>
public sealed record ScanState(bool Scannable, DateTimeOffset? PushedAt, string? PushedBy, ScanReport? Report, DateTimeOffset LoadedAt);

/// <summary>
/// The pull gate's per-manifest view of scan state. Entries are dropped by the scanner when a scan of that manifest
/// ends (in this process) and otherwise live <see cref="MaxAge"/>, which bounds how long another replica's new
/// report takes to apply. Thread-safe.
/// </summary>
public sealed class ScanStateCache(IScanStore store, IManifestActivity activity, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<ScanTarget, ScanState> _states = new();

    public async ValueTask<ScanState> GetAsync(ScanTarget target, ManifestRecord manifest, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_states.TryGetValue(target, out var cached) && now - cached.LoadedAt < MaxAge)
        {
            return cached;
        }

        var state = await LoadAsync(target, manifest, now, ct);
        _states[target] = state;
        return state;
    }

    public void Invalidate(ScanTarget target) => _states.TryRemove(target, out _);

    private async Task<ScanState> LoadAsync(ScanTarget target, ManifestRecord manifest, DateTimeOffset now, CancellationToken ct)
    {
        if (!Scannable.Is(manifest))
        {
            return new ScanState(false, null, null, null, now);
        }

        var record = await store.GetAsync(target, ct);
        var pushedAt = await activity.GetPushedAtAsync(target, ct);
        var report = record is { HasReport: true } ? ReportJson.Combine(target, ReportJson.Read(record.ReportJson)) ?? Empty(target) : null;
        return new ScanState(true, pushedAt, record?.PushedBy, report, now);
    }

    private static ScanReport Empty(ScanTarget target) => new() { Repository = target.Repository, Digest = target.Manifest.ToString() };
}
