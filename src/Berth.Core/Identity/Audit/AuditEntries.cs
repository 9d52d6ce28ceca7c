namespace Berth.Core.Identity.Audit;

/// <summary>Builds audit entries with the time and the ambient request facts of <see cref="AuditContext"/>.</summary>
public sealed class AuditEntries(TimeProvider time)
{
    /// <summary>A successful change made by <paramref name="actor"/> to <paramref name="target"/>.</summary>
    public AuditEntry Change(string action, Principal actor, string target, string? detail = null)
    {
        var call = AuditContext.Current;
        return new AuditEntry(time.GetUtcNow(), action, actor.Id, target, call?.SourceAddress, call?.RequestId, Success: true, detail);
    }

    /// <summary>A change by the ambient actor (or <see cref="Actors.System"/>), for contracts that take no actor.</summary>
    public AuditEntry Change(string action, string target, string? detail = null) =>
        Change(action, AuditContext.Current?.Actor ?? Actors.System, target, detail);

    /// <summary>A login attempt.</summary>
    public AuditEntry Login(bool success, string actor, string? target, string? sourceAddress, string? detail)
    {
        var call = AuditContext.Current;
        return new AuditEntry(time.GetUtcNow(), success ? "login.success" : "login.failure", actor, target, sourceAddress ?? call?.SourceAddress, call?.RequestId, success, detail);
    }
}
