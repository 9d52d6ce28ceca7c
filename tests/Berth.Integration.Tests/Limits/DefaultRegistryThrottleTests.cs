using System.Net;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Limits;

/// <summary>Tiny Premium rates (the default registry is Premium) with the default registry exempt, as by default.</summary>
public sealed class ExemptDefaultFixture : BerthServerFixture
{
    public const int PremiumReads = 3;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Berth:Skus:Premium:ReadOperationsPerMinute"] = PremiumReads.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>The same rates with <c>Berth:Registries:ThrottleDefaultRegistry</c> switched on.</summary>
public sealed class ThrottledDefaultFixture : BerthServerFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Berth:Skus:Premium:ReadOperationsPerMinute"] = ExemptDefaultFixture.PremiumReads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Berth:Registries:ThrottleDefaultRegistry"] = "true",
    };
}

/// <summary>The default registry is the deployment's own: not held to ACR's per-minute rates unless configured.</summary>
public sealed class DefaultRegistryExemptTests(ExemptDefaultFixture server) : IClassFixture<ExemptDefaultFixture>
{
    [Fact]
    public async Task The_default_registry_is_not_throttled_but_a_created_Premium_registry_is()
    {
        using var client = server.CreateClient();
        for (var i = 0; i < ExemptDefaultFixture.PremiumReads * 4; i++)
        {
            using var read = await client.GetAsync("/v2/app/manifests/latest");
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        var api = new RegistryApi(server);
        var premium = await api.CreateAsync("Premium");
        using var named = api.DataPlane(premium);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= ExemptDefaultFixture.PremiumReads; i++)
        {
            using var read = await named.GetAsync("/v2/app/manifests/latest");
            statuses.Add(read.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}

public sealed class DefaultRegistryThrottledTests(ThrottledDefaultFixture server) : IClassFixture<ThrottledDefaultFixture>
{
    [Fact]
    public async Task With_the_setting_on_the_default_registry_is_held_to_its_SKU_rate()
    {
        using var client = server.CreateClient();
        for (var i = 0; i < ExemptDefaultFixture.PremiumReads; i++)
        {
            using var read = await client.GetAsync("/v2/app/manifests/latest");
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        using var refused = await client.GetAsync("/v2/app/manifests/latest");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }
}
