using Berth.Core.Identity.Audit;

namespace Berth.Core.Identity.Stores;

/// <summary>
/// The append-only audit table. Each row carries the SHA-256 chain of <see cref="AuditChain"/>, computed
/// inside the appending transaction; rows are removed only by <see cref="PurgeAsync"/>, which moves the chain's
/// anchor first. Thread-safe.
/// </summary>
public interface IAuditStore
{
    /// <summary>Appends one entry on its own (logins); returns its sequence number.</summary>
    Task<long> AppendAsync(AuditEntry entry, CancellationToken ct);

    /// <summary>Appends <paramref name="entries"/> in order in one transaction (the data-plane queue's batches). Empty is a no-op.</summary>
    Task AppendBatchAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct);

    /// <summary>Entries with sequence greater than <paramref name="after"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(long after, int limit, CancellationToken ct);

    /// <summary>Stored records with their hashes, as <paramref name="query"/> selects them.</summary>
    Task<IReadOnlyList<AuditRecord>> ReadRecordsAsync(AuditQuery query, CancellationToken ct);

    Task<AuditChainState> GetChainStateAsync(CancellationToken ct);

    /// <summary>
    /// Removes the longest run of oldest records all recorded before <paramref name="before"/>, after storing the
    /// last removed record's sequence and hash as the anchor, in one transaction.
    /// </summary>
    Task<AuditPurge> PurgeAsync(DateTimeOffset before, DateTimeOffset now, CancellationToken ct);
}
