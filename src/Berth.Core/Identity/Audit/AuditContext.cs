namespace Berth.Core.Identity.Audit;

/// <summary>Where the current operation comes from, for audit entries: set once per request by the HTTP layer.</summary>
public sealed record AuditCallInfo(string? SourceAddress, string? RequestId, Principal? Actor = null);

/// <summary>
/// Ambient request facts for audit entries (an <see cref="AsyncLocal{T}"/>): the directory interfaces take the
/// acting principal but not the caller's address or request id, and <see cref="ILockStore.SetAsync"/> takes
/// neither. The HTTP layer wraps each request in <see cref="Use"/>; without it entries have no address and
/// lock changes are attributed to <c>system</c>.
/// </summary>
public static class AuditContext
{
    private static readonly AsyncLocal<AuditCallInfo?> Ambient = new();

    public static AuditCallInfo? Current => Ambient.Value;

    /// <summary>Sets the facts for the calling flow until the returned scope is disposed.</summary>
    public static IDisposable Use(string? sourceAddress, string? requestId, Principal? actor = null)
    {
        var previous = Ambient.Value;
        Ambient.Value = new AuditCallInfo(sourceAddress, requestId, actor);
        return new Scope(previous);
    }

    private sealed class Scope(AuditCallInfo? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
