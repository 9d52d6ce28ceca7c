using Berth.Core.Jobs;
using Microsoft.Extensions.Options;

namespace Berth.Core.Gc;

/// <summary>Scheduled garbage collection (also expires abandoned upload sessions).</summary>
public sealed class GcJob(GarbageCollector collector, IOptions<GcOptions> options) : IScheduledJob
{
    public const string JobName = "gc";

    public string Name => JobName;

    public TimeSpan? Interval => options.Value.Enabled ? options.Value.Interval : null;

    public Task RunAsync(CancellationToken ct) => collector.RunAsync(dryRun: false, ct);
}
