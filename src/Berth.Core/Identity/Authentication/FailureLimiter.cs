using System.Collections.Concurrent;

namespace Berth.Core.Identity.Authentication;

/// <summary>
/// Counts failures per key in a sliding window; once <c>limit</c> failures fall inside the window, further
/// attempts are refused until the oldest one leaves it. In memory and per process: a restart forgets, which is
/// acceptable for throttling (the audit log keeps the record). Thread-safe; bounded in the number of keys.
/// </summary>
public sealed class FailureLimiter(int limit, TimeSpan window, TimeProvider time, int maxKeys = 100_000)
{
    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);

    /// <summary>How long until <paramref name="key"/> may try again, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string key)
    {
        if (!buckets.TryGetValue(key, out var bucket))
        {
            return null;
        }

        var now = time.GetUtcNow();
        lock (bucket)
        {
            bucket.Trim(now - window);
            if (bucket.Failures.Count < limit)
            {
                return null;
            }

            var wait = bucket.Failures.Peek() + window - now;
            return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds));
        }
    }

    /// <summary>
    /// Records a refused attempt; true the first time the key is refused since it became limited, so callers can
    /// audit the start of a lockout without writing one row per refused request.
    /// </summary>
    public bool NoteRefusal(string key)
    {
        if (!buckets.TryGetValue(key, out var bucket))
        {
            return false;
        }

        lock (bucket)
        {
            if (bucket.Failures.Count == 0)
            {
                return false;
            }

            var oldest = bucket.Failures.Peek();
            var first = bucket.RefusalNoted != oldest;
            bucket.RefusalNoted = oldest;
            return first;
        }
    }

    public void RecordFailure(string key)
    {
        if (buckets.Count >= maxKeys)
        {
            Prune();
        }

        var now = time.GetUtcNow();
        var bucket = buckets.GetOrAdd(key, _ => new Bucket());
        lock (bucket)
        {
            bucket.Trim(now - window);
            bucket.Failures.Enqueue(now);
        }
    }

    /// <summary>Forgets the failures of <paramref name="key"/> (after a successful login).</summary>
    public void Reset(string key) => buckets.TryRemove(key, out _);

    private void Prune()
    {
        var cutoff = time.GetUtcNow() - window;
        foreach (var (key, bucket) in buckets)
        {
            lock (bucket)
            {
                bucket.Trim(cutoff);
                if (bucket.Failures.Count == 0)
                {
                    buckets.TryRemove(key, out _);
                }
            }
        }

        if (buckets.Count >= maxKeys)
        {
            // Under a flood of distinct keys, forgetting beats growing without bound.
            buckets.Clear();
        }
    }

    private sealed class Bucket
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public DateTimeOffset? RefusalNoted { get; set; }

        public void Trim(DateTimeOffset cutoff)
        {
            while (Failures.Count > 0 && Failures.Peek() <= cutoff)
            {
                Failures.Dequeue();
            }
        }
    }
}
