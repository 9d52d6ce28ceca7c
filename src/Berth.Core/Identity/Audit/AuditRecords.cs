namespace Berth.Core.Identity.Audit;

/// <summary>A stored audit entry with its chain hashes, as verification and export read it.</summary>
public sealed record AuditRecord(AuditEntry Entry, byte[] PreviousHash, byte[] Hash);

/// <summary>
/// Where the chain starts after a retention purge: the sequence number and hash of the last purged record, so
/// the oldest kept record still links to something stored.
/// </summary>
public sealed record AuditAnchor(long Sequence, byte[] Hash, DateTimeOffset PurgedAt, long PurgedCount);

/// <summary>The chain's bookkeeping: its anchor (null before the first purge) and the highest sequence ever assigned.</summary>
public sealed record AuditChainState(AuditAnchor? Anchor, long HighestSequence);

/// <summary>
/// A page of stored records: sequence greater than <see cref="After"/>, oldest first, at most <see cref="Limit"/>,
/// optionally only those recorded at or after <see cref="Since"/> and before <see cref="Until"/>.
/// </summary>
public sealed record AuditQuery(long After, int Limit, DateTimeOffset? Since = null, DateTimeOffset? Until = null);

/// <summary>What a retention purge removed; <see cref="Anchor"/> is the chain's anchor afterwards (null when nothing was ever purged).</summary>
public sealed record AuditPurge(long Removed, AuditAnchor? Anchor);
