using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Core.Storage;

namespace Berth.Core.Registry;

/// <summary>
/// Moves a verified staging object into the content-addressed store and links it, under the digest's
/// lock so the garbage collector cannot delete the object between the two steps.
/// </summary>
public sealed class BlobCommitter(IBlobStaging staging, IBlobIndex index, DigestLocks locks, TimeProvider time)
{
    public async Task CommitAsync(RepositoryRecord repository, Guid uploadId, Digest digest, long size, CancellationToken ct)
    {
        using var held = await locks.AcquireAsync(digest, ct);
        await staging.CommitAsync(uploadId, digest, ct);
        await index.LinkAsync(repository, digest, size, time.GetUtcNow(), ct);
    }

    /// <summary>Links a blob the registry holds into another repository; false when the registry does not hold it.</summary>
    public async Task<bool> MountAsync(RepositoryRecord repository, Digest digest, CancellationToken ct)
    {
        using var held = await locks.AcquireAsync(digest, ct);
        return await index.LinkExistingAsync(repository, digest, time.GetUtcNow(), ct);
    }
}
