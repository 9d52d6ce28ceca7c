namespace Berth.Core.Identity;

/// <summary>
/// Managed identities for Berth-run workloads. They hold no stored secret: a workload obtains a token from the
/// local identity endpoint, which only Berth-run workloads can reach. Audited; thread-safe.
/// </summary>
public interface IManagedIdentityDirectory
{
    Task<ManagedIdentityInfo> CreateAsync(string name, Principal actor, CancellationToken ct);

    Task<IReadOnlyList<ManagedIdentityInfo>> ListAsync(CancellationToken ct);

    Task<ManagedIdentityInfo?> GetAsync(string nameOrId, CancellationToken ct);

    Task<bool> DeleteAsync(string nameOrId, Principal actor, CancellationToken ct);
}
