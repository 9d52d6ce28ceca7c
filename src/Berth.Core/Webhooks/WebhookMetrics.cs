using System.Diagnostics.Metrics;

namespace Berth.Core.Webhooks;

/// <summary>
/// Delivery outcomes on the <c>Berth.Webhooks</c> meter, for whichever exporter the server wires up:
/// <c>berth.webhook.deliveries</c> (counter; tag <c>outcome</c> = delivered, retry or failed) and
/// <c>berth.webhook.delivery.duration</c> (histogram, milliseconds). Thread-safe.
/// </summary>
public sealed class WebhookMetrics : IDisposable
{
    public const string MeterName = "Berth.Webhooks";

    private readonly Meter _meter;
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _duration;

    public WebhookMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _deliveries = _meter.CreateCounter<long>("berth.webhook.deliveries", description: "Webhook delivery attempts by outcome");
        _duration = _meter.CreateHistogram<double>("berth.webhook.delivery.duration", unit: "ms", description: "Time from request to response of a delivery attempt");
    }

    public void Record(string outcome, long latencyMs)
    {
        _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _duration.Record(latencyMs);
    }

    public void Dispose() => _meter.Dispose();
}
