using Berth.Core.Oci;

namespace Berth.Core.Metadata;

/// <summary>
/// Which blobs a registry holds and which repositories they are linked into. A link makes a blob
/// visible in a repository. Thread-safe; each method is one transaction.
/// </summary>
public interface IBlobIndex
{
    /// <summary>The blob if it is linked into the repository, else null.</summary>
    Task<BlobRecord?> FindLinkedAsync(long repositoryId, Digest digest, CancellationToken ct);

    /// <summary>The blob if the registry holds it (in any repository), else null.</summary>
    Task<BlobRecord?> FindAsync(long registryId, Digest digest, CancellationToken ct);

    /// <summary>
    /// Records the blob for the repository's registry (if new) and links it into the repository, refreshing
    /// its last-use time so the garbage collector leaves it alone for a grace period. Idempotent. When the blob is
    /// new to the registry and would take the registry's unique blob bytes past <paramref name="storageLimit"/>,
    /// nothing changes and the answer is false (checked in the same transaction, so concurrent pushes cannot
    /// overshoot together); otherwise true.
    /// </summary>
    Task<bool> LinkAsync(RepositoryRecord repository, Digest digest, long size, DateTimeOffset at, long storageLimit, CancellationToken ct);

    /// <summary>
    /// Links a blob the registry already holds into another repository; false (and no change) when
    /// the registry no longer holds it.
    /// </summary>
    Task<bool> LinkExistingAsync(RepositoryRecord repository, Digest digest, DateTimeOffset at, CancellationToken ct);

    /// <summary>Removes the repository's link; false when there was none. The blob itself is left to GC.</summary>
    Task<bool> UnlinkAsync(long repositoryId, Digest digest, CancellationToken ct);
}
