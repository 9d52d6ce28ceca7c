namespace Berth.Core.Identity;

/// <summary>
/// One audit record: who did what to which object, when, from where, and whether it succeeded. Never holds
/// secrets. <see cref="Action"/> is a stable dotted name such as <c>login.success</c>, <c>login.failure</c>,
/// <c>user.create</c>, <c>token.credential.generate</c>, <c>role-assignment.delete</c>, <c>admin.enable</c>.
/// </summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string Action,
    string Actor,
    string? Target,
    string? SourceAddress,
    string? RequestId,
    bool Success,
    string? Detail = null)
{
    /// <summary>Sequence number assigned when stored (0 before).</summary>
    public long Sequence { get; init; }
}

/// <summary>Append-only audit log. Appends are cheap and never block the hot path for long. Thread-safe.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken ct);

    /// <summary>Entries with sequence greater than <paramref name="after"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadAsync(long after, int limit, CancellationToken ct);
}
