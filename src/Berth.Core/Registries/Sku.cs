namespace Berth.Core.Registries;

/// <summary>The service tier of a registry; it selects the <see cref="SkuLimits"/> that apply to it.</summary>
public enum Sku
{
    Basic,
    Standard,
    Premium,
}
