namespace Berth.Scanning.Inventory;

/// <summary>An image's platform as its config (or index entry) states it.</summary>
public sealed record ImagePlatform(string Os, string Architecture, string? Variant = null)
{
    /// <summary><c>os/arch[/variant]</c>, e.g. <c>linux/arm/v7</c>.</summary>
    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";
}
