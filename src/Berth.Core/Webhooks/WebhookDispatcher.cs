using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Core.Webhooks;

/// <summary>
/// Sends due deliveries: claims a slice (a lease keeps concurrent runs and other processes off the same rows), sends
/// them in parallel, and records each outcome: 2xx delivered; otherwise retried after an exponentially growing delay
/// with ±20% jitter, until <see cref="WebhookOptions.RetryWindow"/> has passed since the delivery was queued, then
/// failed. <see cref="Kick"/> starts a run in the background (new deliveries go out at once); the retry job runs it on
/// its interval. Thread-safe.
/// </summary>
public sealed partial class WebhookDispatcher(
    IWebhookDeliveryStore deliveries,
    IWebhookStore webhooks,
    WebhookSealing sealing,
    WebhookSender sender,
    WebhookMetrics metrics,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
{
    private const int Slice = 64;
    private int _running;
    private int _again;

    /// <summary>Runs <see cref="DispatchDueAsync"/> in the background, or once more after the current run.</summary>
    public void Kick()
    {
        Volatile.Write(ref _again, 1);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            _ = Task.Run(RunKickedAsync);
        }
    }

    /// <summary>Sends every delivery due now; returns how many attempts were made.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var lease = settings.Timeout + TimeSpan.FromSeconds(5);
        var total = 0;
        while (true)
        {
            var claimed = await deliveries.ClaimDueAsync(time.GetUtcNow(), lease, Slice, ct);
            if (claimed.Count == 0)
            {
                return total;
            }

            // Each webhook of the slice is read and opened once, however many of its deliveries the slice holds.
            var targets = new Dictionary<long, WebhookTarget?>();
            foreach (var id in claimed.Select(d => d.WebhookId).Distinct())
            {
                targets[id] = await webhooks.GetByIdAsync(id, ct) is { } stored ? sealing.Open(stored) : null;
            }

            await Parallel.ForEachAsync(
                claimed,
                new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = ct },
                (delivery, token) => SendOneAsync(delivery, targets[delivery.WebhookId], token));
            total += claimed.Count;
        }
    }

    private async ValueTask SendOneAsync(ClaimedDelivery delivery, WebhookTarget? target, CancellationToken ct)
    {
        if (target is null)
        {
            return; // deleted meanwhile: its deliveries went with it
        }

        var attempt = target.Info.Enabled
            ? Schedule(delivery, await sender.SendAsync(target, delivery.ContentType, delivery.Body, ct))
            : new DeliveryAttempt(DeliveryStatus.Failed, time.GetUtcNow(), null, 0, null, "the webhook was disabled before delivery");
        await deliveries.RecordAsync(delivery.Id, attempt, CancellationToken.None);
        var outcome = attempt.Status switch { DeliveryStatus.Delivered => "delivered", DeliveryStatus.Failed => "failed", _ => "retry" };
        metrics.Record(outcome, attempt.LatencyMs);
        if (attempt.Status == DeliveryStatus.Failed)
        {
            LogGaveUp(target.Info.Name, delivery.Id, delivery.Attempts, attempt.Error);
        }
    }

    private DeliveryAttempt Schedule(ClaimedDelivery delivery, DeliveryAttempt attempt)
    {
        if (attempt.Status == DeliveryStatus.Delivered)
        {
            return attempt;
        }

        var settings = options.Value;
        var exponent = Math.Min(delivery.Attempts - 1, 30);
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.MaxRetryDelay.Ticks, settings.RetryDelay.Ticks * Math.Pow(2, exponent)));
        delay *= 0.8 + (Random.Shared.NextDouble() * 0.4);
        var next = attempt.At + delay;
        return next - delivery.CreatedAt > settings.RetryWindow
            ? attempt with { Status = DeliveryStatus.Failed }
            : attempt with { NextAttemptAt = next };
    }

    private async Task RunKickedAsync()
    {
        while (true)
        {
            while (Interlocked.Exchange(ref _again, 0) == 1)
            {
                try
                {
                    await DispatchDueAsync(CancellationToken.None);
                }
                catch (Exception e)
                {
                    LogRunFailed(e);
                }
            }

            Volatile.Write(ref _running, 0);

            // A kick that came after the last check but before the flag dropped would otherwise be lost.
            if (Volatile.Read(ref _again) == 0 || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Webhook} delivery {Delivery} failed for good after {Attempts} attempts: {Error}")]
    private partial void LogGaveUp(string webhook, long delivery, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook dispatch failed; the retry job picks the deliveries up again")]
    private partial void LogRunFailed(Exception exception);
}
