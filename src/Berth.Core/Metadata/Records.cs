using Berth.Core.Oci;

namespace Berth.Core.Metadata;

/// <summary>A repository of a registry. Repositories are created by their first push.</summary>
public sealed record RepositoryRecord(long Id, long RegistryId, string Name);

/// <summary>A blob known to a registry (or linked into a repository) and its size.</summary>
public sealed record BlobRecord(Digest Digest, long Size);

/// <summary>A stored manifest with its exact bytes.</summary>
public sealed record ManifestRecord(Digest Digest, string MediaType, byte[] Content, Digest? Subject)
{
    public long Size => Content.LongLength;
}

/// <summary>One entry of a referrers response.</summary>
public sealed record ReferrerRecord(Digest Digest, string MediaType, long Size, string? ArtifactType, string? AnnotationsJson);

/// <summary>An upload session. Its byte count lives with the staging object, not here.</summary>
public sealed record UploadRecord(Guid Id, long RepositoryId, string Repository, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt);

/// <summary>A manifest to store: its parsed form, its bytes, and the tag to point at it (if pushed by tag).</summary>
public sealed record ManifestWrite(Digest Digest, ParsedManifest Parsed, byte[] Content, string? Tag, DateTimeOffset At);

/// <summary>Outcome of <see cref="IManifestStore.PutAsync"/>.</summary>
public sealed record ManifestPutResult(IReadOnlyList<Descriptor> MissingBlobs, IReadOnlyList<Descriptor> MissingManifests, IReadOnlyList<Descriptor> SizeMismatches)
{
    public static ManifestPutResult Ok { get; } = new([], [], []);

    public bool Succeeded => MissingBlobs.Count == 0 && MissingManifests.Count == 0 && SizeMismatches.Count == 0;
}
