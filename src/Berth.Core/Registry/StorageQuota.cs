using System.Globalization;
using System.Collections.Concurrent;
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
/// <remarks>
/// The early checks run on every chunk, so they read a per-registry total cached for <see cref="Freshness"/> and
/// dropped after every commit to the registry (<see cref="Committed"/>): the common case, chunks of one upload, costs
/// one read per blob. Only garbage collection lowers the total behind the cache's back, and a refusal is always
/// confirmed with a fresh read, so a stale total never refuses a push that fits.
/// </remarks>
public sealed class StorageQuota(IRegistryLimits limits, IRegistryStore store, IBlobIndex index, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<long, (long Bytes, long ReadAt)> _used = new();

    /// <summary>The registry's storage limit in bytes (<see cref="long.MaxValue"/> for an unknown registry).</summary>
    public async ValueTask<long> LimitAsync(long registryId, CancellationToken ct) =>
        (await limits.GetLimitsAsync(registryId, ct))?.IncludedStorageBytes ?? long.MaxValue;

    /// <summary>
    /// Throws StorageQuotaExceeded when a blob of <paramref name="blobBytes"/> would not fit, unless it is
    /// <paramref name="digest"/> and the registry holds that blob already.
    /// </summary>
    public async Task RequireRoomAsync(long registryId, long blobBytes, Digest? digest, CancellationToken ct)
    {
        var limit = await LimitAsync(registryId, ct);
        if (blobBytes <= 0 || limit == long.MaxValue)
        {
            return;
        }

        if (_used.TryGetValue(registryId, out var cached) && time.GetElapsedTime(cached.ReadAt) < Freshness && cached.Bytes + blobBytes <= limit)
        {
            return;
        }

        var used = await store.GetStorageBytesAsync(registryId, ct);
        _used[registryId] = (used, time.GetTimestamp());
        if (RegistryLimits.StorageRefusal(used, blobBytes, limit) is not { } refusal
            || (digest is { } d && await index.FindAsync(registryId, d, ct) is not null))
        {
            return;
        }

        throw new OciException(ErrorCodes.StorageQuotaExceeded, refusal.Message);
    }

    /// <summary>A blob was committed to the registry: its cached total is out of date.</summary>
    public void Committed(long registryId) => _used.TryRemove(registryId, out _);

    /// <summary>The refusal for a commit the link transaction turned down.</summary>
    public async Task<OciException> RefusedAsync(long registryId, long blobBytes, CancellationToken ct)
    {
        _used.TryRemove(registryId, out _);
        var refusal = await limits.CheckStorageAsync(registryId, blobBytes, ct);
        var limit = await LimitAsync(registryId, ct);
        return new OciException(ErrorCodes.StorageQuotaExceeded, refusal?.Message ?? string.Create(CultureInfo.InvariantCulture,
            $"storage quota exceeded: a concurrent push took the room the {blobBytes} bytes of this push needed within the registry's {limit}-byte limit"));
    }
}
