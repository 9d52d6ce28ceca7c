namespace Berth.Core.Registries;

/// <summary>Resources whose count a SKU limits.</summary>
public enum CountedResource
{
    Webhooks,
    RepositoryTokens,
}

/// <summary>Why a change does not fit a registry's SKU: which limit, the use it would reach and the maximum.</summary>
public sealed record LimitRefusal(string Limit, long Requested, long Maximum, string Message);

/// <summary>One row of a registry's usage (ACR's <c>show-usage</c> shape); <see cref="CurrentValue"/> is null for rates.</summary>
public sealed record UsageItem(string Name, long Limit, long? CurrentValue, string Unit);

/// <summary>
/// The SKU limits of registries and their current use. Thread-safe; answers are results, never exceptions;
/// an unknown registry has no limits (checks pass, usage is null).
/// </summary>
public interface IRegistryLimits
{
    /// <summary>The limits of the registry's SKU (from <c>Berth:Skus</c>), or null for an unknown registry.</summary>
    ValueTask<SkuLimits?> GetLimitsAsync(long registryId, CancellationToken ct);

    /// <summary>Null when the registry may store <paramref name="additionalBytes"/> more; else the refusal (bytes used, added, allowed).</summary>
    Task<LimitRefusal?> CheckStorageAsync(long registryId, long additionalBytes, CancellationToken ct);

    /// <summary>
    /// Null when the registry, which has <paramref name="existing"/> of <paramref name="resource"/> now, may have one
    /// more; else the refusal. Creators call it just before creating (webhooks: with the registry's current webhook
    /// count) and answer 409 Conflict with the message.
    /// </summary>
    Task<LimitRefusal?> CheckCountAsync(long registryId, CountedResource resource, int existing, CancellationToken ct);

    /// <summary>Every limit with its current use, or null for an unknown registry.</summary>
    Task<IReadOnlyList<UsageItem>?> GetUsageAsync(long registryId, CancellationToken ct);
}

/// <summary>
/// How many webhooks a registry has: implemented by the webhook feature. Without an implementation registered,
/// registries have none.
/// </summary>
public interface IWebhookCounter
{
    Task<int> CountAsync(long registryId, CancellationToken ct);
}
