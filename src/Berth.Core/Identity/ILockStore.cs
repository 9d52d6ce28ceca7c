using Berth.Core.Oci;

namespace Berth.Core.Identity;

/// <summary>Per-object attributes (locks) on repositories, tags and manifests. Thread-safe.</summary>
public interface ILockStore
{
    /// <summary>
    /// The effective locks for a request: the repository's attributes combined with the tag's and the
    /// manifest's when given. Unlocked when nothing is set. Cheap enough to call on every request (cached).
    /// </summary>
    Task<ObjectLocks> GetEffectiveAsync(long registryId, string repository, string? tag, Digest? manifest, CancellationToken ct);

    /// <summary>Sets the attributes of one object (repository when tag and manifest are null); returns the new value.</summary>
    Task<ObjectLocks> SetAsync(long registryId, string repository, string? tag, Digest? manifest, ObjectLocks locks, CancellationToken ct);
}
