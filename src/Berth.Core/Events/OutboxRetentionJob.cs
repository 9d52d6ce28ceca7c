using Berth.Core.Jobs;
using Microsoft.Extensions.Options;

namespace Berth.Core.Events;

/// <summary>Purges outbox events older than <see cref="EventOptions.Retention"/> that every consumer has handled.</summary>
public sealed class OutboxRetentionJob(IEventOutbox outbox, IOptions<EventOptions> options, TimeProvider time) : IScheduledJob
{
    public const string JobName = "event-retention";

    public string Name => JobName;

    public TimeSpan? Interval => options.Value.PurgeInterval;

    public Task RunAsync(CancellationToken ct) => outbox.PurgeAsync(time.GetUtcNow() - options.Value.Retention, ct);
}
