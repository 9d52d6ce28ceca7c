namespace Berth.Core.Registries;

/// <summary>
/// Looks registries up for the data plane and the management API. Implementations cache and are safe for
/// concurrent use; lookups return null (never throw) for an unknown registry. Changes made through the
/// management API are visible to the next lookup in the same process.
/// </summary>
public interface IRegistryDirectory
{
    /// <summary>The registry with this id, or null.</summary>
    ValueTask<RegistryInfo?> FindByIdAsync(long id, CancellationToken ct);

    /// <summary>The registry with this name (case-insensitive), or null.</summary>
    ValueTask<RegistryInfo?> FindByNameAsync(string name, CancellationToken ct);

    /// <summary>
    /// The registry whose login server is <paramref name="host"/> (port ignored, case-insensitive); otherwise the
    /// configured default registry; null only when there is no default and no match.
    /// </summary>
    ValueTask<RegistryInfo?> ResolveHostAsync(string host, CancellationToken ct);
}
