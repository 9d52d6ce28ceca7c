using System.Diagnostics.Metrics;
using Berth.Core.Metadata;

namespace Berth.Core.Registry;

/// <summary>
/// Observable gauges on the <c>Berth.Registry</c> meter: storage bytes per registry and open upload sessions,
/// read from metadata at most once per <see cref="CacheFor"/> however often Prometheus scrapes. Thread-safe.
/// </summary>
public sealed class RegistryMetrics
{
    public const string MeterName = "Berth.Registry";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);

    private readonly IServerStatistics _statistics;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private (long At, IReadOnlyList<RegistryStorage> Storage, long Uploads)? _cached;

    public RegistryMetrics(IServerStatistics statistics, IMeterFactory meters, TimeProvider time)
    {
        _statistics = statistics;
        _time = time;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("berth.registry.storage", ObserveStorage, "By", "Unique blob bytes stored per registry");
        meter.CreateObservableGauge("berth.uploads.open", () => Read().Uploads, "{session}", "Upload sessions open");
    }

    private IEnumerable<Measurement<long>> ObserveStorage() =>
        Read().Storage.Select(s => new Measurement<long>(s.Bytes, new KeyValuePair<string, object?>("registry", s.Registry)));

    private (long At, IReadOnlyList<RegistryStorage> Storage, long Uploads) Read()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (_cached is { } c && _time.GetElapsedTime(c.At, now) < CacheFor)
            {
                return c;
            }

            var fresh = (now, _statistics.StorageByRegistry(), _statistics.OpenUploadSessions());
            _cached = fresh;
            return fresh;
        }
    }
}
