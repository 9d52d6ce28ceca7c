namespace Berth.Core.Identity.Stores;

/// <summary>
/// The append-only audit table. Each row carries the SHA-256 chain of <see cref="Audit.AuditChain"/>, computed
/// inside the appending transaction. Thread-safe.
/// </summary>
public interface IAuditStore
{
    /// <summary>Appends one entry on its own (logins); returns its sequence number.</summary>
    Task<long> AppendAsync(AuditEntry entry, CancellationToken ct);

    /// <summary>Entries with sequence greater than <paramref name="after"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(long after, int limit, CancellationToken ct);
}
