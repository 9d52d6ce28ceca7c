using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Core.Storage;

namespace Berth.Core.Registry;

/// <summary>
/// Moves a verified staging object into the content-addressed store and links it, under the digest's
/// lock so the garbage collector cannot delete the object between the two steps. A link that the registry's
/// storage limit refuses leaves the stored object unreferenced (unless another registry holds it) for the
/// garbage collector; nothing becomes visible.
/// </summary>
public sealed class BlobCommitter(IBlobStaging staging, IBlobIndex index, DigestLocks locks, TimeProvider time)
{
    /// <summary>Stores and links the blob; false when it would take the registry past <paramref name="storageLimit"/> bytes.</summary>
    public async Task<bool> CommitAsync(RepositoryRecord repository, Guid uploadId, Digest digest, long size, long storageLimit, CancellationToken ct)
    {
        using var held = await locks.AcquireAsync(digest, ct);
        await staging.CommitAsync(uploadId, digest, ct);
        return await index.LinkAsync(repository, digest, size, time.GetUtcNow(), storageLimit, ct);
    }

    /// <summary>Links a blob the registry holds into another repository; false when the registry does not hold it.</summary>
    public async Task<bool> MountAsync(RepositoryRecord repository, Digest digest, CancellationToken ct)
    {
        using var held = await locks.AcquireAsync(digest, ct);
        return await index.LinkExistingAsync(repository, digest, time.GetUtcNow(), ct);
    }
}
