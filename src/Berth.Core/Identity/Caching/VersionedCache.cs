using System.Collections.Concurrent;

namespace Berth.Core.Identity.Caching;

/// <summary>
/// A small in-memory cache whose entries are valid for one identity version and until their own expiry.
/// Bounded: when full it is emptied (identity caches refill in one lookup each). Thread-safe.
/// </summary>
public sealed class VersionedCache<TKey, TValue>(int maxEntries, TimeProvider time)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> entries = new();

    public int Count => entries.Count;

    /// <summary>The value cached for <paramref name="key"/> at <paramref name="version"/>, if it has not expired.</summary>
    public bool TryGet(TKey key, long version, out TValue value)
    {
        if (entries.TryGetValue(key, out var entry) && entry.Version == version && time.GetUtcNow() < entry.ExpiresAt)
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Caches <paramref name="value"/> read at <paramref name="version"/> until <paramref name="expiresAt"/>.</summary>
    public void Set(TKey key, TValue value, long version, DateTimeOffset expiresAt)
    {
        if (expiresAt <= time.GetUtcNow())
        {
            return;
        }

        if (entries.Count >= maxEntries && !entries.ContainsKey(key))
        {
            entries.Clear();
        }

        entries[key] = new Entry(value, version, expiresAt);
    }

    public void Remove(TKey key) => entries.TryRemove(key, out _);

    private sealed record Entry(TValue Value, long Version, DateTimeOffset ExpiresAt);
}
