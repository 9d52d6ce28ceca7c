namespace Berth.Core.Oci;

/// <summary>What the registry keeps from a validated manifest: its type and every descriptor it references.</summary>
public sealed record ParsedManifest(
    string MediaType,
    string? ArtifactType,
    Descriptor? Config,
    IReadOnlyList<Descriptor> Layers,
    IReadOnlyList<Descriptor> Manifests,
    Descriptor? Subject,
    string? AnnotationsJson)
{
    public bool IsIndex => MediaTypes.IsIndex(MediaType);

    /// <summary>The artifact type reported by the referrers API: artifactType, else the config media type.</summary>
    public string? EffectiveArtifactType => ArtifactType ?? Config?.MediaType;

    /// <summary>Blobs this manifest needs in its repository (config and non-foreign layers).</summary>
    public IEnumerable<Descriptor> RequiredBlobs =>
        (Config is null ? Layers : Layers.Prepend(Config)).Where(d => !d.IsForeign);
}
