namespace Berth.Core.Webhooks;

/// <summary>A delivery to queue: the rendered body is stored, so retries send the same bytes even after the event is purged.</summary>
public sealed record NewDelivery(long WebhookId, long RegistryId, long? EventId, string Action, string ContentType, byte[] Body);

/// <summary>A delivery claimed for an attempt (its next attempt time was pushed past the lease meanwhile).</summary>
public sealed record ClaimedDelivery(long Id, long WebhookId, string Action, string ContentType, byte[] Body, int Attempts, DateTimeOffset CreatedAt);

/// <summary>The result of one attempt; <see cref="NextAttemptAt"/> is set when the delivery stays pending.</summary>
public sealed record DeliveryAttempt(
    DeliveryStatus Status,
    DateTimeOffset At,
    int? StatusCode,
    long LatencyMs,
    string? Response,
    string? Error,
    DateTimeOffset? NextAttemptAt = null);

/// <summary>
/// Webhook deliveries and their log. One row per (event, webhook): queueing the same pair again changes nothing, so a
/// consumer batch handed twice queues nothing twice. Thread-safe; each method is one transaction.
/// </summary>
public interface IWebhookDeliveryStore
{
    /// <summary>Queues deliveries due now; pairs already queued are skipped.</summary>
    Task EnqueueAsync(IReadOnlyList<NewDelivery> deliveries, CancellationToken ct);

    /// <summary>
    /// Up to <paramref name="limit"/> pending deliveries due at <paramref name="now"/>, oldest first; each claimed one's next
    /// attempt moves to <paramref name="now"/> + <paramref name="lease"/> and its attempt count grows, so a concurrent
    /// claimer skips it and a crash mid-attempt retries it after the lease.
    /// </summary>
    Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken ct);

    /// <summary>Records the attempt's outcome on the delivery.</summary>
    Task RecordAsync(long deliveryId, DeliveryAttempt attempt, CancellationToken ct);

    /// <summary>Adds a delivery that was already attempted once and is finished (a ping).</summary>
    Task<long> AddFinishedAsync(NewDelivery delivery, DeliveryAttempt attempt, CancellationToken ct);

    /// <summary>The webhook's deliveries, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListAsync(long webhookId, int limit, CancellationToken ct);

    /// <summary>Removes finished deliveries whose last attempt is older than <paramref name="cutoff"/>.</summary>
    Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken ct);
}
