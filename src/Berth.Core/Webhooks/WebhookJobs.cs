using Berth.Core.Jobs;
using Microsoft.Extensions.Options;

namespace Berth.Core.Webhooks;

/// <summary>Sends deliveries whose retry is due (and any a crash left claimed once their lease ran out).</summary>
public sealed class WebhookRetryJob(WebhookDispatcher dispatcher, IOptions<WebhookOptions> options) : IScheduledJob
{
    public const string JobName = "webhook-retries";

    public string Name => JobName;

    public TimeSpan? Interval => options.Value.RetryPollInterval;

    public Task RunAsync(CancellationToken ct) => dispatcher.DispatchDueAsync(ct);
}

/// <summary>Keeps the delivery log bounded: finished deliveries older than <see cref="WebhookOptions.LogRetention"/> go.</summary>
public sealed class WebhookLogRetentionJob(IWebhookDeliveryStore deliveries, IOptions<WebhookOptions> options, TimeProvider time) : IScheduledJob
{
    public const string JobName = "webhook-log-retention";

    public string Name => JobName;

    public TimeSpan? Interval => TimeSpan.FromHours(1);

    public Task RunAsync(CancellationToken ct) => deliveries.PurgeAsync(time.GetUtcNow() - options.Value.LogRetention, ct);
}
