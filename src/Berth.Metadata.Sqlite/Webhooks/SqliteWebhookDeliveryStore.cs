using Berth.Core.Webhooks;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Webhooks;

/// <summary>
/// <see cref="IWebhookDeliveryStore"/> on <c>webhook_deliveries</c>. Claims are one UPDATE … RETURNING, so two
/// dispatchers (or processes) never claim the same row at once. Queueing, claims and outcomes commit relaxed (no
/// fsync of their own, crash-safe): power loss can only undo the last of them, and the WAL keeps them in order, so
/// the outcome is a delivery sent again (at least once), never one lost: its event and the webhook consumer's
/// cursor (advanced after queueing) go back together.
/// </summary>
public sealed class SqliteWebhookDeliveryStore(SqliteDatabase database, TimeProvider time) : IWebhookDeliveryStore
{
    private const string ClaimSql = """
        UPDATE webhook_deliveries SET next_attempt_at = @leaseUntil, attempts = attempts + 1
        WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit)
        RETURNING id AS Id, webhook_id AS WebhookId, action AS Action, content_type AS ContentType, body AS Body, attempts AS Attempts, created_at AS CreatedAt;
        """;

    private const string InsertSql = """
        INSERT INTO webhook_deliveries (webhook_id, registry_id, event_id, action, content_type, body, status, attempts, created_at, next_attempt_at)
        VALUES (@WebhookId, @RegistryId, @EventId, @Action, @ContentType, @Body, 'pending', 0, @now, @now)
        ON CONFLICT (webhook_id, event_id) DO NOTHING;
        """;

    private const string RecordSql = """
        UPDATE webhook_deliveries SET status = @Status, next_attempt_at = @Next, last_attempt_at = @At, status_code = @StatusCode,
            latency_ms = @LatencyMs, response = @Response, error = @Error
        WHERE id = @Id;
        """;

    public Task EnqueueAsync(IReadOnlyList<NewDelivery> deliveries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var now = UnixTime.ToMs(time.GetUtcNow());
        return database.WriteRelaxedAsync((c, t) =>
        {
            foreach (var d in deliveries)
            {
                c.Execute(InsertSql, new { d.WebhookId, d.RegistryId, d.EventId, d.Action, d.ContentType, d.Body, now }, t);
            }

            return 0;
        }, ct);
    }

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken ct)
    {
        var args = new { now = UnixTime.ToMs(now), leaseUntil = UnixTime.ToMs(now + lease), limit };
        var rows = await database.WriteRelaxedAsync((c, t) => c.Query<ClaimRow>(ClaimSql, args, t).AsList(), ct);
        return [.. rows.OrderBy(r => r.Id).Select(r => new ClaimedDelivery(r.Id, r.WebhookId, r.Action, r.ContentType, r.Body, (int)r.Attempts, UnixTime.FromMs(r.CreatedAt)))];
    }

    public Task RecordAsync(long deliveryId, DeliveryAttempt attempt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return database.WriteRelaxedAsync((c, t) => c.Execute(RecordSql, RecordArgs(deliveryId, attempt), t), ct);
    }

    public Task<long> AddFinishedAsync(NewDelivery delivery, DeliveryAttempt attempt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(attempt);
        var now = UnixTime.ToMs(attempt.At);
        return database.WriteAsync((c, t) =>
        {
            var id = c.ExecuteScalar<long>(
                """
                INSERT INTO webhook_deliveries (webhook_id, registry_id, event_id, action, content_type, body, status, attempts, created_at)
                VALUES (@WebhookId, @RegistryId, @EventId, @Action, @ContentType, @Body, 'pending', 1, @now) RETURNING id;
                """,
                new { delivery.WebhookId, delivery.RegistryId, delivery.EventId, delivery.Action, delivery.ContentType, delivery.Body, now },
                t);
            c.Execute(RecordSql, RecordArgs(id, attempt), t);
            return id;
        }, ct);
    }

    public Task<IReadOnlyList<WebhookDelivery>> ListAsync(long webhookId, int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var rows = c.Query<LogRow>(
            """
            SELECT d.id AS Id, w.name AS Webhook, d.event_id AS EventId, d.action AS Action, d.status AS Status, d.attempts AS Attempts,
                   d.created_at AS CreatedAt, d.last_attempt_at AS LastAttemptAt, d.next_attempt_at AS NextAttemptAt, d.status_code AS StatusCode,
                   d.latency_ms AS LatencyMs, d.response AS Response, d.error AS Error
            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.webhook_id = @webhookId ORDER BY d.id DESC LIMIT @limit;
            """,
            new { webhookId, limit });
        return Task.FromResult<IReadOnlyList<WebhookDelivery>>(rows.Select(r => r.ToDelivery()).ToList());
    }

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken ct) =>
        database.WriteAsync((c, t) => c.Execute(
            "DELETE FROM webhook_deliveries WHERE status <> 'pending' AND last_attempt_at < @cutoff;", new { cutoff = UnixTime.ToMs(cutoff) }, t), ct);

    private static object RecordArgs(long id, DeliveryAttempt a) => new
    {
        Id = id,
        Status = a.Status.ToString().ToLowerInvariant(),
        Next = a.Status == DeliveryStatus.Pending && a.NextAttemptAt is { } next ? UnixTime.ToMs(next) : (long?)null,
        At = UnixTime.ToMs(a.At),
        a.StatusCode,
        a.LatencyMs,
        a.Response,
        a.Error,
    };

    private sealed class ClaimRow
    {
        public long Id { get; set; }

        public long WebhookId { get; set; }

        public string Action { get; set; } = "";

        public string ContentType { get; set; } = "";

        public byte[] Body { get; set; } = [];

        public long Attempts { get; set; }

        public long CreatedAt { get; set; }
    }

    private sealed class LogRow
    {
        public long Id { get; set; }

        public string Webhook { get; set; } = "";

        public long? EventId { get; set; }

        public string Action { get; set; } = "";

        public string Status { get; set; } = "";

        public long Attempts { get; set; }

        public long CreatedAt { get; set; }

        public long? LastAttemptAt { get; set; }

        public long? NextAttemptAt { get; set; }

        public long? StatusCode { get; set; }

        public long? LatencyMs { get; set; }

        public string? Response { get; set; }

        public string? Error { get; set; }

        public WebhookDelivery ToDelivery() => new(
            Id,
            Webhook,
            EventId,
            Action,
            Enum.Parse<DeliveryStatus>(Status, ignoreCase: true),
            (int)Attempts,
            UnixTime.FromMs(CreatedAt),
            LastAttemptAt is { } last ? UnixTime.FromMs(last) : null,
            Status == "pending" && NextAttemptAt is { } next ? UnixTime.FromMs(next) : null,
            StatusCode is { } code ? (int)code : null,
            LatencyMs,
            Response,
            Error);
    }
}
