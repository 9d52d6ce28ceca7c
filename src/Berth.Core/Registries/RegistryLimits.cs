using System.Globalization;
using Microsoft.Extensions.Options;

namespace Berth.Core.Registries;

/// <summary>
/// <see cref="IRegistryLimits"/>: limits from <see cref="SkuOptions"/> by the registry's SKU (cached directory
/// lookup); storage use is the store's per-registry total, which triggers keep in the same transaction as each
/// blob row change, so a check is one primary-key read and never a sum over blobs.
/// </summary>
public sealed class RegistryLimits(
    IRegistryDirectory directory,
    IRegistryStore store,
    IOptions<SkuOptions> skus,
    IEnumerable<IWebhookCounter> webhookCounters) : IRegistryLimits
{
    public const string Storage = "Size";
    public const string Webhooks = "Webhooks";
    public const string RepositoryTokens = "ScopeMapTokens";
    public const string ReadOperations = "ReadOperationsPerMinute";
    public const string WriteOperations = "WriteOperationsPerMinute";

    public async ValueTask<SkuLimits?> GetLimitsAsync(long registryId, CancellationToken ct) =>
        await directory.FindByIdAsync(registryId, ct) is { } registry ? skus.Value.For(registry.Sku) : null;

    public async Task<LimitRefusal?> CheckStorageAsync(long registryId, long additionalBytes, CancellationToken ct)
    {
        if (additionalBytes <= 0 || await GetLimitsAsync(registryId, ct) is not { } limits)
        {
            return null;
        }

        var used = await store.GetStorageBytesAsync(registryId, ct);
        return StorageRefusal(used, additionalBytes, limits.IncludedStorageBytes);
    }

    public async Task<LimitRefusal?> CheckCountAsync(long registryId, CountedResource resource, int existing, CancellationToken ct)
    {
        if (await GetLimitsAsync(registryId, ct) is not { } limits)
        {
            return null;
        }

        var (name, maximum, what) = resource == CountedResource.Webhooks
            ? (Webhooks, limits.Webhooks, "webhooks")
            : (RepositoryTokens, limits.RepositoryTokens, "repository-scoped tokens");
        return existing + 1L <= maximum ? null : new LimitRefusal(name, existing + 1L, maximum,
            string.Create(CultureInfo.InvariantCulture, $"the registry's SKU allows {maximum} {what} and it has {existing}; delete one or move the registry to a higher SKU"));
    }

    public async Task<IReadOnlyList<UsageItem>?> GetUsageAsync(long registryId, CancellationToken ct)
    {
        if (await GetLimitsAsync(registryId, ct) is not { } limits)
        {
            return null;
        }

        return
        [
            new UsageItem(Storage, limits.IncludedStorageBytes, await store.GetStorageBytesAsync(registryId, ct), "Bytes"),
            new UsageItem(Webhooks, limits.Webhooks, await CountWebhooksAsync(registryId, ct), "Count"),
            new UsageItem(RepositoryTokens, limits.RepositoryTokens, await store.CountRepositoryTokensAsync(registryId, ct), "Count"),
            new UsageItem(ReadOperations, limits.ReadOperationsPerMinute, null, "CountPerMinute"),
            new UsageItem(WriteOperations, limits.WriteOperationsPerMinute, null, "CountPerMinute"),
        ];
    }

    /// <summary>The registry's webhook count (0 while no webhook feature is registered).</summary>
    public async Task<int> CountWebhooksAsync(long registryId, CancellationToken ct)
    {
        var total = 0;
        foreach (var counter in webhookCounters)
        {
            total += await counter.CountAsync(registryId, ct);
        }

        return total;
    }

    /// <summary>The refusal when <paramref name="used"/> + <paramref name="adding"/> bytes exceed <paramref name="limit"/>.</summary>
    public static LimitRefusal? StorageRefusal(long used, long adding, long limit) =>
        used + adding <= limit ? null : new LimitRefusal(Storage, used + adding, limit,
            string.Create(CultureInfo.InvariantCulture, $"storage quota exceeded: the registry uses {used} bytes of its {limit}-byte limit and this push adds {adding} bytes"));
}
