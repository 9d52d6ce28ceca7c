using Berth.Core.Identity.Stores;

namespace Berth.Core.Identity.Audit;

/// <summary>
/// <see cref="IAuditLog"/> over the audit store. Changes to identities are audited by the stores in the same
/// transaction as the change; this appends entries that stand alone (logins, and whatever callers add).
/// </summary>
public sealed class AuditLog(IAuditStore store) : IAuditLog
{
    /// <summary>Largest page <see cref="ReadAsync"/> returns.</summary>
    public const int MaxPage = 1000;

    public async Task AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await store.AppendAsync(entry, ct);
    }

    /// <summary>Limits outside 1..<see cref="MaxPage"/> are clamped into it.</summary>
    public Task<IReadOnlyList<AuditEntry>> ReadAsync(long after, int limit, CancellationToken ct) =>
        store.ReadAsync(Math.Max(0, after), Math.Clamp(limit, 1, MaxPage), ct);
}
