namespace Berth.Core.Metadata;

/// <summary>Well-known registry ids. Until registries become resources every request uses the default one.</summary>
public static class RegistryIds
{
    /// <summary>The registry seeded by the first schema migration; serves every host name.</summary>
    public const long Default = 1;
}
