using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Core.Registries;

namespace Berth.Core.Registry;

/// <summary>
/// The storage limit as pushes meet it: early refusals when a request declares its size (before a byte is
/// written), and the limit handed to the commit, which checks it again in the link's transaction. A blob the
/// registry already holds adds nothing. Refusals are <see cref="ErrorCodes.StorageQuotaExceeded"/> naming the bytes
/// used, added and allowed. Thread-safe.
/// </summary>
public sealed class StorageQuota(IRegistryLimits limits, IBlobIndex index)
{
    /// <summary>The registry's storage limit in bytes (<see cref="long.MaxValue"/> for an unknown registry).</summary>
    public async ValueTask<long> LimitAsync(long registryId, CancellationToken ct) =>
        (await limits.GetLimitsAsync(registryId, ct))?.IncludedStorageBytes ?? long.MaxValue;

    /// <summary>
    /// Throws StorageQuotaExceeded when a blob of <paramref name="blobBytes"/> would not fit, unless it is
    /// <paramref name="digest"/> and the registry holds that blob already.
    /// </summary>
    public async Task RequireRoomAsync(long registryId, long blobBytes, Digest? digest, CancellationToken ct)
    {
        // The cheap check first: only a refusal costs the lookup of the digest.
        if (await limits.CheckStorageAsync(registryId, blobBytes, ct) is not { } refusal
            || (digest is { } d && await index.FindAsync(registryId, d, ct) is not null))
        {
            return;
        }

        throw new OciException(ErrorCodes.StorageQuotaExceeded, refusal.Message);
    }

    /// <summary>The refusal for a commit the link transaction turned down.</summary>
    public async Task<OciException> RefusedAsync(long registryId, long blobBytes, CancellationToken ct)
    {
        var refusal = await limits.CheckStorageAsync(registryId, blobBytes, ct);
        return new OciException(ErrorCodes.StorageQuotaExceeded, refusal?.Message ?? "storage quota exceeded: a concurrent push took the room this blob needed");
    }
}
