using Berth.Core.Registries;

namespace Berth.Core.Webhooks;

/// <summary>The name and SKU of a registry, as webhooks need them.</summary>
public sealed record RegistrySku(string Name, Sku Sku);

/// <summary>Where webhooks learn a registry's name (CloudEvents <c>source</c>) and SKU (the webhook count limit). Thread-safe.</summary>
public interface IRegistrySkuSource
{
    /// <summary>The registry's name and SKU; null for an unknown registry.</summary>
    ValueTask<RegistrySku?> FindAsync(long registryId, CancellationToken ct);
}

/// <summary>Reads the cached <see cref="IRegistryDirectory"/>.</summary>
public sealed class DirectoryRegistrySkuSource(IRegistryDirectory directory) : IRegistrySkuSource
{
    public async ValueTask<RegistrySku?> FindAsync(long registryId, CancellationToken ct) =>
        await directory.FindByIdAsync(registryId, ct) is { } registry ? new RegistrySku(registry.Name, registry.Sku) : null;
}

/// <summary>The webhook count that registry usage and SKU changes check (<see cref="IWebhookCounter"/>).</summary>
public sealed class WebhookCounter(IWebhookStore store) : IWebhookCounter
{
    public async Task<int> CountAsync(long registryId, CancellationToken ct) => (await store.ListAsync(registryId, ct)).Count;
}
