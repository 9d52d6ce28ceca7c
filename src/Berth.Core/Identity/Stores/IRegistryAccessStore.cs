namespace Berth.Core.Identity.Stores;

/// <summary>Registries as the identity services see them: names and access switches. Thread-safe.</summary>
public interface IRegistryAccessStore
{
    Task<RegistryAccessRecord?> GetAsync(long registryId, CancellationToken ct);

    /// <summary>The registry with this name (case-insensitive), or null.</summary>
    Task<RegistryAccessRecord?> FindAsync(string name, CancellationToken ct);

    /// <summary>False when the registry does not exist. Runs with its audit entry in one transaction and bumps the identity version.</summary>
    Task<bool> SetAnonymousPullAsync(long registryId, bool enabled, AuditEntry audit, CancellationToken ct);
}
