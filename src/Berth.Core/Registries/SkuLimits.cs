using System.ComponentModel.DataAnnotations;

namespace Berth.Core.Registries;

/// <summary>
/// What one SKU allows. Counts are inclusive maxima; storage is the registry's unique blob bytes (a blob shared by
/// two repositories counts once). Bound from <c>Berth:Skus:{Basic|Standard|Premium}</c>.
/// </summary>
public sealed class SkuLimits
{
    [Range(0, long.MaxValue)]
    public long IncludedStorageBytes { get; set; }

    [Range(0, int.MaxValue)]
    public int Webhooks { get; set; }

    [Range(0, int.MaxValue)]
    public int RepositoryTokens { get; set; }

    [Range(1, int.MaxValue)]
    public int ReadOperationsPerMinute { get; set; }

    [Range(1, int.MaxValue)]
    public int WriteOperationsPerMinute { get; set; }

    public bool GeoReplication { get; set; }

    /// <summary>Network rules and disabling public access.</summary>
    public bool NetworkRules { get; set; }

    public bool CustomerManagedKeys { get; set; }
}
