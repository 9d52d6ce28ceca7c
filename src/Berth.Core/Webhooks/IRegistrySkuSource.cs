using Berth.Core.Metadata;
using Berth.Core.Registries;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Core.Webhooks;

/// <summary>The name and SKU of a registry, as webhooks need them.</summary>
public sealed record RegistrySku(string Name, Sku Sku);

/// <summary>Where webhooks learn a registry's name (CloudEvents <c>source</c>) and SKU (the webhook count limit). Thread-safe.</summary>
public interface IRegistrySkuSource
{
    /// <summary>The registry's name and SKU; null for an unknown registry.</summary>
    ValueTask<RegistrySku?> FindAsync(long registryId, CancellationToken ct);
}

/// <summary>
/// Reads <see cref="IRegistryDirectory"/> when one is registered. Without registries as resources only the seeded
/// registry exists: it is called <c>default</c> and counts as <see cref="Sku.Basic"/>.
/// </summary>
public sealed class DirectoryRegistrySkuSource(IServiceProvider services) : IRegistrySkuSource
{
    public const string DefaultName = "default";

    public async ValueTask<RegistrySku?> FindAsync(long registryId, CancellationToken ct)
    {
        if (services.GetService<IRegistryDirectory>() is { } directory)
        {
            return await directory.FindByIdAsync(registryId, ct) is { } registry ? new RegistrySku(registry.Name, registry.Sku) : null;
        }

        return registryId == RegistryIds.Default ? new RegistrySku(DefaultName, Sku.Basic) : null;
    }
}
