using Berth.Core.Identity.Stores;
using Microsoft.Extensions.Options;

namespace Berth.Core.Identity.Caching;

/// <summary>
/// The identity version that tags every cached identity fact. A write through this process calls
/// <see cref="Invalidate"/>, so the next read fetches the bumped version from the store and every older cache
/// entry is ignored; writes by other processes are seen within <see cref="IdentityOptions.ChangePollInterval"/>.
/// Thread-safe; the fast path is two field reads.
/// </summary>
public sealed class IdentityVersion(IIdentityVersionStore store, IOptions<IdentityOptions> options, TimeProvider time)
{
    private readonly long pollTicks = (long)(options.Value.ChangePollInterval.TotalSeconds * time.TimestampFrequency);
    private readonly Lock gate = new();
    private long generation = 1;
    private State state = new(-1, 0, 0);

    /// <summary>The current version; re-read from the store after an invalidation or when the poll interval has passed.</summary>
    public async ValueTask<long> CurrentAsync(CancellationToken ct)
    {
        var seen = Volatile.Read(ref generation);
        var known = Volatile.Read(ref state);
        if (known.Generation == seen && time.GetTimestamp() - known.ReadAt < pollTicks)
        {
            return known.Version;
        }

        // The generation is taken before the read: if a write invalidates while the read is in flight, the
        // stored state keeps the older generation and the next call reads again.
        var readAt = time.GetTimestamp();
        var version = await store.GetVersionAsync(ct);
        lock (gate)
        {
            if (seen >= state.Generation)
            {
                Volatile.Write(ref state, new State(version, seen, readAt));
            }
        }

        return version;
    }

    /// <summary>Marks every cache entry stale; called after each write through this process.</summary>
    public void Invalidate() => Interlocked.Increment(ref generation);

    private sealed record State(long Version, long Generation, long ReadAt);
}
