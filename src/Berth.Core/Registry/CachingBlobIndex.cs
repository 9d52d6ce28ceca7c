using System.Collections.Concurrent;
using Berth.Core.Metadata;
using Berth.Core.Oci;

namespace Berth.Core.Registry;

/// <summary>
/// Answers "is this blob in this repository, and how big is it" from memory: the question every blob HEAD and
/// GET asks. Only positive answers are kept. Unlinks (here) and link deletions by the garbage collector
/// (<see cref="Clear"/>) bump a version before and after, and a reader caches only when no such change
/// overlapped its read, so a removed link is never served from memory after its removal returns. Bounded;
/// single-process only, like <see cref="CachingManifestStore"/>.
/// </summary>
public sealed class CachingBlobIndex(IBlobIndex inner) : IBlobIndex
{
    public const int MaxEntries = 200_000;

    private readonly ConcurrentDictionary<(long, Digest), long> _linked = new();
    private long _version;

    public async Task<BlobRecord?> FindLinkedAsync(long repositoryId, Digest digest, CancellationToken ct)
    {
        if (_linked.TryGetValue((repositoryId, digest), out var size))
        {
            return new BlobRecord(digest, size);
        }

        var version = Volatile.Read(ref _version);
        var found = await inner.FindLinkedAsync(repositoryId, digest, ct);
        if (found is not null && version == Volatile.Read(ref _version))
        {
            if (_linked.Count >= MaxEntries)
            {
                _linked.Clear();
            }

            _linked.TryAdd((repositoryId, digest), found.Size);
        }

        return found;
    }

    public Task<BlobRecord?> FindAsync(long registryId, Digest digest, CancellationToken ct) => inner.FindAsync(registryId, digest, ct);

    public Task<bool> LinkAsync(RepositoryRecord repository, Digest digest, long size, DateTimeOffset at, long storageLimit, CancellationToken ct) =>
        inner.LinkAsync(repository, digest, size, at, storageLimit, ct);

    public Task<bool> LinkExistingAsync(RepositoryRecord repository, Digest digest, DateTimeOffset at, CancellationToken ct) =>
        inner.LinkExistingAsync(repository, digest, at, ct);

    public async Task<bool> UnlinkAsync(long repositoryId, Digest digest, CancellationToken ct)
    {
        Interlocked.Increment(ref _version);
        _linked.TryRemove((repositoryId, digest), out _);
        try
        {
            return await inner.UnlinkAsync(repositoryId, digest, ct);
        }
        finally
        {
            Interlocked.Increment(ref _version);
            _linked.TryRemove((repositoryId, digest), out _);
        }
    }

    /// <summary>Forgets everything (after the garbage collector removed links behind this index's back).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _version);
        _linked.Clear();
    }
}
