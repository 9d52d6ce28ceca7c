using System.Collections.Concurrent;
using Berth.Core.Jobs;

namespace Berth.Core.Scanning;

/// <summary>
/// Remembers manifest pulls in memory and writes last-pulled times in one batch per <see cref="Interval"/>
/// (so each manifest is written at most once a minute, and never on a pull's critical path). Losing the
/// pending batch on a crash only makes a rescan of a rarely pulled image less likely. Thread-safe.
/// </summary>
public sealed class PullActivity(IManifestActivity activity, TimeProvider time) : IScheduledJob
{
    private ConcurrentDictionary<ScanTarget, DateTimeOffset> _pending = new();

    public string Name => "pull-activity-flush";

    public TimeSpan? Interval => TimeSpan.FromMinutes(1);

    /// <summary>Notes a pull: one dictionary write, no I/O.</summary>
    public void Record(ScanTarget target) => _pending[target] = time.GetUtcNow();

    /// <summary>Writes every pull noted since the last run in one transaction.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<ScanTarget, DateTimeOffset>());
        if (!batch.IsEmpty)
        {
            await activity.RecordPullsAsync(batch.Select(p => (p.Key, p.Value)).ToList(), ct);
        }
    }
}
