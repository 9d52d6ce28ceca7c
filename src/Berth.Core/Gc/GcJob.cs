using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Core.Jobs;
using Microsoft.Extensions.Options;

namespace Berth.Core.Gc;

/// <summary>
/// Scheduled garbage collection (also expires abandoned upload sessions). Each run is audited as <c>gc.run</c> by
/// <c>system</c> through the audit queue, so what the collector purged on its own is on record like a manual run.
/// </summary>
public sealed class GcJob(GarbageCollector collector, IOptions<GcOptions> options, AuditQueue? audit = null, TimeProvider? time = null) : IScheduledJob
{
    public const string JobName = "gc";

    public string Name => JobName;

    public TimeSpan? Interval => options.Value.Enabled ? options.Value.Interval : null;

    public async Task RunAsync(CancellationToken ct)
    {
        var report = await collector.RunAsync(dryRun: false, ct);
        audit?.TryEnqueue(new AuditEntry(
            (time ?? TimeProvider.System).GetUtcNow(),
            "gc.run",
            Actors.System.Id,
            null,
            null,
            null,
            true,
            $"scheduled: {report.BytesFreed} bytes freed, {report.UntaggedManifests} untagged manifests and {report.Blobs} blobs removed"));
    }
}
