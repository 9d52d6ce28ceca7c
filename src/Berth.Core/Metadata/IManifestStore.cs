using Berth.Core.Oci;

namespace Berth.Core.Metadata;

/// <summary>Manifests, tags and referrers of repositories. Thread-safe; writes are single transactions.</summary>
public interface IManifestStore
{
    /// <summary>The manifest with this digest in the repository, or null.</summary>
    Task<ManifestRecord?> GetAsync(long repositoryId, Digest digest, CancellationToken ct);

    /// <summary>The manifest the tag points at, or null.</summary>
    Task<ManifestRecord?> GetByTagAsync(long repositoryId, string tag, CancellationToken ct);

    /// <summary>
    /// In one transaction: checks every referenced blob is linked into the repository with the declared size
    /// and every referenced manifest exists there; when all hold, stores the manifest (idempotent for the same
    /// digest), its references, and moves the tag. Otherwise changes nothing and reports what is missing.
    /// </summary>
    Task<ManifestPutResult> PutAsync(RepositoryRecord repository, ManifestWrite write, CancellationToken ct);

    /// <summary>Deletes the manifest and every tag pointing at it; false when it did not exist.</summary>
    Task<bool> DeleteAsync(long repositoryId, Digest digest, CancellationToken ct);

    /// <summary>Removes the tag only; false when it did not exist.</summary>
    Task<bool> UntagAsync(long repositoryId, string tag, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> tags after <paramref name="last"/>, in lexical order.</summary>
    Task<IReadOnlyList<string>> ListTagsAsync(long repositoryId, string? last, int limit, CancellationToken ct);

    /// <summary>Manifests of the repository whose subject is <paramref name="subject"/>, optionally of one artifact type.</summary>
    Task<IReadOnlyList<ReferrerRecord>> ListReferrersAsync(long repositoryId, Digest subject, string? artifactType, CancellationToken ct);
}
