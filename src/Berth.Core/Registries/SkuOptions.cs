namespace Berth.Core.Registries;

/// <summary>Per-deployment SKU figures (section <c>Berth:Skus</c>); the defaults are ACR's.</summary>
public sealed class SkuOptions
{
    private const long GiB = 1024L * 1024 * 1024;

    public SkuLimits Basic { get; set; } = new()
    {
        IncludedStorageBytes = 10 * GiB, Webhooks = 2, RepositoryTokens = 100,
        ReadOperationsPerMinute = 1_000, WriteOperationsPerMinute = 100,
    };

    public SkuLimits Standard { get; set; } = new()
    {
        IncludedStorageBytes = 100 * GiB, Webhooks = 10, RepositoryTokens = 500,
        ReadOperationsPerMinute = 3_000, WriteOperationsPerMinute = 500,
    };

    public SkuLimits Premium { get; set; } = new()
    {
        IncludedStorageBytes = 500 * GiB, Webhooks = 500, RepositoryTokens = 50_000,
        ReadOperationsPerMinute = 10_000, WriteOperationsPerMinute = 2_000,
        GeoReplication = true, NetworkRules = true, CustomerManagedKeys = true,
    };

    /// <summary>The limits of <paramref name="sku"/>; never null.</summary>
    public SkuLimits For(Sku sku) => sku switch
    {
        Sku.Basic => Basic,
        Sku.Standard => Standard,
        Sku.Premium => Premium,
        _ => throw new ArgumentOutOfRangeException(nameof(sku), sku, "unknown SKU"),
    };
}
