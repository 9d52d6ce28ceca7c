using Berth.Core.Registries;

namespace Berth.Core.Webhooks;

/// <summary>The webhook count that registry usage and SKU changes check (<see cref="IWebhookCounter"/>).</summary>
public sealed class WebhookCounter(IWebhookStore store) : IWebhookCounter
{
    public async Task<int> CountAsync(long registryId, CancellationToken ct) => (await store.ListAsync(registryId, ct)).Count;
}
