namespace Berth.Core.Oci;

/// <summary>An OCI content descriptor as far as the registry needs it.</summary>
public sealed record Descriptor(string MediaType, Digest Digest, long Size, string? ArtifactType = null, bool HasUrls = false)
{
    /// <summary>
    /// Foreign or non-distributable layers with URLs live elsewhere; the registry does not require them.
    /// </summary>
    public bool IsForeign => HasUrls && (MediaType.Contains(".foreign.", StringComparison.Ordinal)
        || MediaType.Contains(".nondistributable.", StringComparison.Ordinal));
}
