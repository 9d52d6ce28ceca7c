namespace Berth.Core.Identity;

/// <summary>
/// Service principals: an app id (GUID) and several client secrets, each expiring (default one year).
/// <paramref name="principal"/> arguments accept the app id or the unique name. Audited; thread-safe.
/// </summary>
public interface IServicePrincipalDirectory
{
    Task<Issued<ServicePrincipalInfo>> CreateAsync(string name, TimeSpan? secretLifetime, Principal actor, CancellationToken ct);

    Task<IReadOnlyList<ServicePrincipalInfo>> ListAsync(CancellationToken ct);

    Task<ServicePrincipalInfo?> GetAsync(string principal, CancellationToken ct);

    Task<bool> DeleteAsync(string principal, Principal actor, CancellationToken ct);

    /// <summary>Adds a new secret; with <paramref name="append"/> false, every other secret is removed (reset).</summary>
    Task<Issued<ServicePrincipalInfo>?> ResetCredentialAsync(string principal, TimeSpan? lifetime, bool append, string? description, Principal actor, CancellationToken ct);

    Task<bool> DeleteCredentialAsync(string principal, string secretId, Principal actor, CancellationToken ct);
}
