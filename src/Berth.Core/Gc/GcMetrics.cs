using System.Diagnostics.Metrics;

namespace Berth.Core.Gc;

/// <summary>Garbage collection on the <c>Berth.Gc</c> meter: runs (by kind), bytes freed, and each run's duration. Thread-safe.</summary>
public sealed class GcMetrics
{
    public const string MeterName = "Berth.Gc";

    private readonly Counter<long> _runs;
    private readonly Counter<long> _freed;
    private readonly Histogram<double> _duration;

    public GcMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _runs = meter.CreateCounter<long>("berth.gc.runs", "{run}", "Garbage collection runs");
        _freed = meter.CreateCounter<long>("berth.gc.freed", "By", "Bytes freed by garbage collection (blobs, orphans, expired uploads)");
        _duration = meter.CreateHistogram<double>("berth.gc.duration", "s", "Duration of garbage collection runs");
    }

    public void Completed(GcReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var kind = new KeyValuePair<string, object?>("dry_run", report.DryRun ? "true" : "false");
        _runs.Add(1, kind);
        _duration.Record(report.Duration.TotalSeconds, kind);
        if (!report.DryRun)
        {
            _freed.Add(report.BytesFreed);
        }
    }
}
