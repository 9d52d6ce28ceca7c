using System.Threading.RateLimiting;
using Berth.Core.Registries;
using Microsoft.Extensions.Options;

namespace Berth.Api.Limits;

/// <summary>What an operation counts against: the SKU's read or write operations per minute.</summary>
public enum OperationKind
{
    /// <summary>GET and HEAD: manifests, blobs, tags, catalog, referrers, upload status.</summary>
    Read,

    /// <summary>POST, PATCH, PUT, DELETE: uploads, manifest pushes, deletes.</summary>
    Write,
}

/// <summary>Whether an operation may run now; when not, how long until it would.</summary>
public readonly record struct ThrottleDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static ThrottleDecision Allow { get; } = new(true, TimeSpan.Zero);
}

/// <summary>
/// Per-registry operation limits from the registry's SKU (<see cref="SkuLimits.ReadOperationsPerMinute"/>,
/// <see cref="SkuLimits.WriteOperationsPerMinute"/>): one token bucket per (registry, kind, rate) holding a minute's
/// operations and refilled at the rate, from <see cref="System.Threading.RateLimiting"/>. The rate is part of the
/// partition key, so a registry whose SKU (or the deployment's SKU figures) changes gets a bucket for the new rate
/// on its next operation, without a restart; buckets left idle and full are disposed by the partitioned limiter.
/// No I/O: the caller passes the registry snapshot from the cached directory. Thread-safe.
/// </summary>
public sealed class OperationThrottle : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<Key> _limiter;
    private readonly IOptionsMonitor<SkuOptions> _skus;

    public OperationThrottle(IOptionsMonitor<SkuOptions> skus)
    {
        _skus = skus;
        _limiter = PartitionedRateLimiter.Create<Key, Key>(key => RateLimitPartition.GetTokenBucketLimiter(key, BucketFor));
    }

    /// <summary>Takes one operation of <paramref name="kind"/> from <paramref name="registry"/>'s allowance, if there is one.</summary>
    public ThrottleDecision TryAcquire(RegistryInfo registry, OperationKind kind)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var limits = _skus.CurrentValue.For(registry.Sku);
        var perMinute = Math.Max(1, kind == OperationKind.Read ? limits.ReadOperationsPerMinute : limits.WriteOperationsPerMinute);
        using var lease = _limiter.AttemptAcquire(new Key(registry.Id, kind, perMinute));
        if (lease.IsAcquired)
        {
            return ThrottleDecision.Allow;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : Period(perMinute).Period;
        return new(false, retryAfter);
    }

    public void Dispose() => _limiter.Dispose();

    // A whole minute's operations may come at once; the bucket then refills at the rate. Refills come at least a
    // second apart (the partitioned limiter's heartbeat drives them, no timer per bucket) and add exactly
    // perMinute tokens per minute.
    private static TokenBucketRateLimiterOptions BucketFor(Key key)
    {
        var (period, tokens) = Period(key.PerMinute);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = key.PerMinute,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = false,
        };
    }

    private static (TimeSpan Period, int Tokens) Period(int perMinute)
    {
        var tokens = (int)((perMinute + 59L) / 60);
        return (TimeSpan.FromTicks(Minute.Ticks * tokens / perMinute), tokens);
    }

    private readonly record struct Key(long RegistryId, OperationKind Kind, int PerMinute);
}
