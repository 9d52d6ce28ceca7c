using Berth.Core.Identity.Authentication;
using Berth.Core.Identity.Caching;
using Berth.Identity.Tests.Infrastructure;

namespace Berth.Identity.Tests.Services;

public sealed class FailureLimiterTests
{
    private readonly ManualTime time = new(IdentityHarness.T0);

    [Fact]
    public void The_limit_applies_within_a_sliding_window_and_retry_after_counts_down()
    {
        var limiter = new FailureLimiter(3, TimeSpan.FromMinutes(5), time);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(limiter.RetryAfter("k"));
            limiter.RecordFailure("k");
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(TimeSpan.FromMinutes(2), limiter.RetryAfter("k"));
        Assert.Null(limiter.RetryAfter("other"));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(limiter.RetryAfter("k"));
    }

    [Fact]
    public void Reset_forgets_and_refusals_are_noted_once_per_lockout()
    {
        var limiter = new FailureLimiter(1, TimeSpan.FromMinutes(5), time);
        limiter.RecordFailure("k");

        Assert.True(limiter.NoteRefusal("k"));
        Assert.False(limiter.NoteRefusal("k"));
        limiter.Reset("k");
        Assert.Null(limiter.RetryAfter("k"));
        Assert.False(limiter.NoteRefusal("k"));
    }

    [Fact]
    public void Many_distinct_keys_stay_bounded()
    {
        var limiter = new FailureLimiter(1, TimeSpan.FromMinutes(5), time, maxKeys: 100);
        for (var i = 0; i < 1000; i++)
        {
            limiter.RecordFailure($"k{i}");
        }

        Assert.NotNull(limiter.RetryAfter("k999"));
    }

    [Fact]
    public void Versioned_cache_entries_die_with_their_version_or_their_expiry()
    {
        var cache = new VersionedCache<string, int>(2, time);
        cache.Set("a", 1, version: 5, time.GetUtcNow() + TimeSpan.FromSeconds(10));

        Assert.True(cache.TryGet("a", 5, out var value));
        Assert.Equal(1, value);
        Assert.False(cache.TryGet("a", 6, out _));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(cache.TryGet("a", 5, out _));

        cache.Set("b", 2, 5, time.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet("b", 5, out _));
        cache.Set("c", 3, 5, time.GetUtcNow() + TimeSpan.FromSeconds(10));
        cache.Set("d", 4, 5, time.GetUtcNow() + TimeSpan.FromSeconds(10));
        cache.Set("e", 5, 5, time.GetUtcNow() + TimeSpan.FromSeconds(10));
        Assert.True(cache.Count <= 2);
        Assert.True(cache.TryGet("e", 5, out _));
    }
}
