using System.Net;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Limits;

/// <summary>A server listening on IPv6 loopback only: its clients connect from <c>::1</c>.</summary>
public sealed class Ipv6LoopbackFixture : BerthServerFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Berth:Listen"] = "[::1]:0" };
}

/// <summary>A server that believes X-Forwarded-For from loopback (a reverse proxy on the same machine).</summary>
public sealed class TrustedProxyFixture : BerthServerFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Berth:Network:TrustedProxies:0"] = "127.0.0.1/32" };
}

/// <summary>Network rules over IPv6 loopback: <c>::1</c> is not in <c>127.0.0.0/8</c>, and needs its own range.</summary>
public sealed class Ipv6NetworkRuleTests(Ipv6LoopbackFixture server) : IClassFixture<Ipv6LoopbackFixture>
{
    private readonly RegistryApi _api = new(server);

    [Fact]
    public async Task IPv6_loopback_is_matched_by_IPv6_ranges_only()
    {
        Assert.Equal("[::1]", server.BaseAddress.Host);
        var registry = await _api.CreateAsync("Premium");
        await _api.SetRulesAsync(registry, "Deny", true, "127.0.0.0/8");
        using var client = _api.DataPlane(registry);
        var message = await NetworkRuleTests.ExpectDeniedAsync(client);
        Assert.Contains("client address ::1 ", message, StringComparison.Ordinal);

        using (var added = await _api.AddRangeAsync(registry, "::1"))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        using var allowed = await client.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var audit = await _api.AuditAsync();
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "network.denied" && e.GetProperty("sourceAddress").GetString() == "::1");
    }
}

/// <summary>Berth:Network:TrustedProxies: forwarded client addresses are believed from trusted proxies only.</summary>
public sealed class TrustedProxyTests(TrustedProxyFixture server) : IClassFixture<TrustedProxyFixture>
{
    private readonly RegistryApi _api = new(server);

    [Fact]
    public async Task The_forwarded_client_address_decides_for_connections_from_a_trusted_proxy()
    {
        var registry = await _api.CreateAsync("Premium");
        await _api.SetRulesAsync(registry, "Deny", true, "198.51.100.7/32");

        using (var proxied = _api.DataPlane(registry))
        {
            proxied.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");
            using var allowed = await proxied.GetAsync("/v2/");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using (var direct = _api.DataPlane(registry))
        {
            Assert.Contains("client address 127.0.0.1 ", await NetworkRuleTests.ExpectDeniedAsync(direct), StringComparison.Ordinal);
        }

        // The proxy appends the address it saw; what the client itself sent further left is not believed.
        using var spoofed = _api.DataPlane(registry);
        spoofed.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7, 203.0.113.9");
        Assert.Contains("client address 203.0.113.9 ", await NetworkRuleTests.ExpectDeniedAsync(spoofed), StringComparison.Ordinal);
        var audit = await _api.AuditAsync();
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "network.denied" && e.GetProperty("sourceAddress").GetString() == "203.0.113.9");
    }

    [Fact]
    public async Task An_invalid_trusted_proxy_stops_the_server_at_start_up_naming_the_setting()
    {
        using var temp = new TempDirectory();
        var result = await BerthProcess.RunAsync(
            ["serve", "--listen", "127.0.0.1:0", "--data", temp.Combine("data")],
            new Dictionary<string, string> { ["BERTH__NETWORK__TRUSTEDPROXIES__0"] = "10.0.0.1/8" });
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Berth:Network:TrustedProxies", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("10.0.0.0/8", result.StdErr, StringComparison.Ordinal);
    }
}
