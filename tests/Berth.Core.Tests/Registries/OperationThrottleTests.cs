using Berth.Core.Registries;
using Berth.Api.Limits;
using Microsoft.Extensions.Options;

namespace Berth.Core.Tests.Registries;

/// <summary>Per-registry read and write allowances from the SKU, with the real framework limiter.</summary>
public sealed class OperationThrottleTests : IDisposable
{
    private readonly SkuOptions _skus = new();
    private readonly OperationThrottle _throttle;

    public OperationThrottleTests()
    {
        _skus.Basic.ReadOperationsPerMinute = 3;
        _skus.Basic.WriteOperationsPerMinute = 2;
        _skus.Premium.ReadOperationsPerMinute = 6;
        _throttle = new OperationThrottle(new FixedMonitor(_skus));
    }

    [Fact]
    public void A_minute_of_reads_is_allowed_then_the_next_is_refused_with_a_retry_time()
    {
        var registry = Registry(1, Sku.Basic);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(_throttle.TryAcquire(registry, OperationKind.Read).Allowed);
        }

        var refused = _throttle.TryAcquire(registry, OperationKind.Read);
        Assert.False(refused.Allowed);
        Assert.True(refused.RetryAfter > TimeSpan.Zero && refused.RetryAfter <= TimeSpan.FromMinutes(1), refused.RetryAfter.ToString());
    }

    [Fact]
    public void Reads_and_writes_and_registries_have_separate_allowances()
    {
        var a = Registry(1, Sku.Basic);
        var b = Registry(2, Sku.Basic);
        Assert.True(_throttle.TryAcquire(a, OperationKind.Write).Allowed);
        Assert.True(_throttle.TryAcquire(a, OperationKind.Write).Allowed);
        Assert.False(_throttle.TryAcquire(a, OperationKind.Write).Allowed);

        Assert.True(_throttle.TryAcquire(a, OperationKind.Read).Allowed);
        Assert.True(_throttle.TryAcquire(b, OperationKind.Write).Allowed);
    }

    [Fact]
    public void A_registry_moved_to_a_higher_SKU_gets_its_rate_at_once()
    {
        var basic = Registry(3, Sku.Basic);
        while (_throttle.TryAcquire(basic, OperationKind.Read).Allowed)
        {
        }

        var premium = basic with { Sku = Sku.Premium };
        for (var i = 0; i < 6; i++)
        {
            Assert.True(_throttle.TryAcquire(premium, OperationKind.Read).Allowed);
        }

        Assert.False(_throttle.TryAcquire(premium, OperationKind.Read).Allowed);
    }

    [Fact]
    public void Changed_deployment_figures_apply_to_the_next_operation()
    {
        var registry = Registry(4, Sku.Basic);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(_throttle.TryAcquire(registry, OperationKind.Read).Allowed);
        }

        _skus.Basic.ReadOperationsPerMinute = 10;
        Assert.True(_throttle.TryAcquire(registry, OperationKind.Read).Allowed);
    }

    [Fact]
    public void The_largest_configurable_rate_works()
    {
        _skus.Standard.WriteOperationsPerMinute = int.MaxValue;
        var registry = Registry(5, Sku.Standard);
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(_throttle.TryAcquire(registry, OperationKind.Write).Allowed);
        }
    }

    public void Dispose() => _throttle.Dispose();

    private static RegistryInfo Registry(long id, Sku sku) =>
        new(id, "registry" + id, $"registry{id}.example.test", sku, false, false, new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, null);

    private sealed class FixedMonitor(SkuOptions value) : IOptionsMonitor<SkuOptions>
    {
        public SkuOptions CurrentValue => value;

        public SkuOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SkuOptions, string?> listener) => null;
    }
}
