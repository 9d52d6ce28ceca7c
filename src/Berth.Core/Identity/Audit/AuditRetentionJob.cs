using Berth.Core.Identity.Stores;
using Berth.Core.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Core.Identity.Audit;

/// <summary>
/// Purges audit records older than <see cref="AuditOptions.Retention"/>. The store records the last purged
/// record's hash as the chain's anchor in the same transaction, so verification still covers what is kept; the
/// purge itself is audited.
/// </summary>
public sealed partial class AuditRetentionJob(IAuditStore store, IOptions<AuditOptions> options, AuditEntries entries, TimeProvider time, ILogger<AuditRetentionJob> logger) : IScheduledJob
{
    public const string JobName = "audit-retention";

    public string Name => JobName;

    public TimeSpan? Interval => options.Value.RetentionInterval;

    public Task RunAsync(CancellationToken ct) => PurgeAsync(Actors.System, ct);

    /// <summary>Purges now on behalf of <paramref name="actor"/> (the API's run-now, or the scheduler as <c>system</c>).</summary>
    public async Task<AuditPurge> PurgeAsync(Principal actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cutoff = now - options.Value.Retention;
        var purge = await store.PurgeAsync(cutoff, now, ct);
        if (purge.Removed > 0)
        {
            LogPurged(purge.Removed, cutoff, purge.Anchor?.Sequence ?? 0);
        }

        if (purge.Removed == 0 && ReferenceEquals(actor, Actors.System))
        {
            return purge; // a scheduled run that found nothing to purge leaves no record
        }

        var detail = $"removed={purge.Removed} before={cutoff:O} anchor={purge.Anchor?.Sequence ?? 0}";
        await store.AppendAsync(entries.Change("audit.purge", actor, "audit", detail), ct);
        return purge;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit retention purged {Removed} records older than {Cutoff}; the chain is anchored at record {Anchor}")]
    private partial void LogPurged(long removed, DateTimeOffset cutoff, long anchor);
}
