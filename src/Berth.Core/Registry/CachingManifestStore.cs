using System.Collections.Concurrent;
using Berth.Core.Metadata;
using Berth.Core.Oci;

namespace Berth.Core.Registry;

/// <summary>
/// Keeps pulls off the database: manifests by digest (immutable, so safe to keep) and tag → digest
/// resolutions, invalidated by every write that passes through this process. A reader caches a tag only if
/// no tag write started or finished while it read, so a concurrent push can never leave a stale tag behind.
/// Bounded by <see cref="MaxBytes"/>; single-process only (replicas sharing a database need notifications).
/// </summary>
public sealed class CachingManifestStore(IManifestStore inner) : IManifestStore
{
    public const long MaxBytes = 16 * 1024 * 1024;
    private const int MaxManifestBytes = 64 * 1024;

    private readonly ConcurrentDictionary<(long, Digest), ManifestRecord> _manifests = new();
    private readonly ConcurrentDictionary<(long, string), Digest> _tags = new();
    private long _bytes;
    private long _version;

    public async Task<ManifestRecord?> GetAsync(long repositoryId, Digest digest, CancellationToken ct)
    {
        if (_manifests.TryGetValue((repositoryId, digest), out var cached))
        {
            return cached;
        }

        var version = Volatile.Read(ref _version);
        var found = await inner.GetAsync(repositoryId, digest, ct);
        if (found is not null && version == Volatile.Read(ref _version))
        {
            Remember(repositoryId, found);
        }

        return found;
    }

    public async Task<ManifestRecord?> GetByTagAsync(long repositoryId, string tag, CancellationToken ct)
    {
        if (_tags.TryGetValue((repositoryId, tag), out var digest) && _manifests.TryGetValue((repositoryId, digest), out var cached))
        {
            return cached;
        }

        var version = Volatile.Read(ref _version);
        var found = await inner.GetByTagAsync(repositoryId, tag, ct);
        if (found is not null && version == Volatile.Read(ref _version) && Remember(repositoryId, found))
        {
            _tags[(repositoryId, tag)] = found.Digest;
        }

        return found;
    }

    public Task<ManifestPutResult> PutAsync(RepositoryRecord repository, ManifestWrite write, CancellationToken ct) =>
        write.Tag is null ? inner.PutAsync(repository, write, ct) : ChangingTagsAsync(() => inner.PutAsync(repository, write, ct));

    public Task<bool> DeleteAsync(long repositoryId, Digest digest, CancellationToken ct) =>
        ChangingTagsAsync(async () =>
        {
            var deleted = await inner.DeleteAsync(repositoryId, digest, ct);
            Forget(repositoryId, digest);
            return deleted;
        });

    public Task<bool> UntagAsync(long repositoryId, string tag, CancellationToken ct) =>
        ChangingTagsAsync(() => inner.UntagAsync(repositoryId, tag, ct));

    public Task<IReadOnlyList<string>> ListTagsAsync(long repositoryId, string? last, int limit, CancellationToken ct) =>
        inner.ListTagsAsync(repositoryId, last, limit, ct);

    public Task<IReadOnlyList<ReferrerRecord>> ListReferrersAsync(long repositoryId, Digest subject, string? artifactType, CancellationToken ct) =>
        inner.ListReferrersAsync(repositoryId, subject, artifactType, ct);

    /// <summary>Drops a manifest that was deleted behind this store's back (garbage collection).</summary>
    public void Forget(long repositoryId, Digest digest)
    {
        if (_manifests.TryRemove((repositoryId, digest), out var removed))
        {
            Interlocked.Add(ref _bytes, -removed.Size);
        }
    }

    /// <summary>Empties the cache (after bulk deletions).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _version);
        _tags.Clear();
        _manifests.Clear();
        Interlocked.Exchange(ref _bytes, 0);
    }

    // Tag writes bump the version before and after and drop every cached tag, so no reader that overlapped
    // the write can cache what it saw. Tag writes are rare next to pulls.
    private async Task<T> ChangingTagsAsync<T>(Func<Task<T>> write)
    {
        Interlocked.Increment(ref _version);
        _tags.Clear();
        try
        {
            return await write();
        }
        finally
        {
            Interlocked.Increment(ref _version);
            _tags.Clear();
        }
    }

    private bool Remember(long repositoryId, ManifestRecord manifest)
    {
        if (manifest.Size > MaxManifestBytes)
        {
            return false;
        }

        if (Interlocked.Read(ref _bytes) + manifest.Size > MaxBytes)
        {
            Clear();
        }

        if (_manifests.TryAdd((repositoryId, manifest.Digest), manifest))
        {
            Interlocked.Add(ref _bytes, manifest.Size);
        }

        return true;
    }
}
