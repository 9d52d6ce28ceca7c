using System.Net;
using Berth.Api.Limits;
using Berth.Core.Errors;
using Berth.Integration.Tests.Auth;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Limits;

/// <summary>
/// Premium network rules on a server whose clients all connect from 127.0.0.1: default action, allowed ranges,
/// public access, the token service, forwarded headers, and the refusals that change nothing.
/// </summary>
public sealed class NetworkRuleTests(BerthServerFixture server) : IClassFixture<BerthServerFixture>
{
    private readonly RegistryApi _api = new(server);

    [Fact]
    public async Task Default_deny_without_loopback_refuses_the_client_with_403_DENIED_and_audits_it()
    {
        var registry = await _api.CreateAsync("Premium");
        await _api.SetRulesAsync(registry, "Deny", true, "10.0.0.0/8");
        using var client = _api.DataPlane(registry);

        using var denied = await client.GetAsync("/v2/app/manifests/latest");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var (code, message) = await RegistryApi.OciErrorAsync(denied);
        Assert.Equal(ErrorCodes.Denied.Code, code);
        Assert.Contains("client address 127.0.0.1", message, StringComparison.Ordinal);
        Assert.Contains("network rules deny it", message, StringComparison.Ordinal);

        var audit = await _api.AuditAsync();
        var entry = Assert.Single(audit, e => e.GetProperty("action").GetString() == "network.denied"
            && e.GetProperty("target").GetString() == $"registries/{registry}");
        Assert.False(entry.GetProperty("success").GetBoolean());
        Assert.Equal("127.0.0.1", entry.GetProperty("sourceAddress").GetString());
        Assert.Contains("GET /v2/app/manifests/latest", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flood_of_denied_requests_is_not_audited_one_by_one()
    {
        var registry = await _api.CreateAsync("Premium");
        await _api.SetRulesAsync(registry, "Deny", true);
        using var client = _api.DataPlane(registry);
        const int Requests = (NetworkGate.AuditedDenialsPerMinute * 2) + 5;
        for (var i = 0; i < Requests; i++)
        {
            await ExpectDeniedAsync(client);
        }

        // Each minute audits a bounded number of denials per address; the requests may straddle two minutes.
        var audited = (await _api.AuditAsync()).Count(e => e.GetProperty("action").GetString() == "network.denied"
            && e.GetProperty("target").GetString() == $"registries/{registry}");
        Assert.InRange(audited, NetworkGate.AuditedDenialsPerMinute, NetworkGate.AuditedDenialsPerMinute * 2);
    }

    [Fact]
    public async Task Allowing_the_client_range_lets_it_in_and_removing_it_shuts_it_out_again()
    {
        var registry = await _api.CreateAsync("Premium");
        await _api.SetRulesAsync(registry, "Deny", true);
        using var client = _api.DataPlane(registry);
        await ExpectDeniedAsync(client);

        using (var added = await _api.AddRangeAsync(registry, "127.0.0.1"))
        {
            var rules = await AuthApi.ExpectAsync(added, HttpStatusCode.OK);
            Assert.Equal(["127.0.0.1/32"], rules.GetProperty("ipRules").EnumerateArray().Select(r => r.GetString()));
        }

        using (var allowed = await client.GetAsync("/v2/app/manifests/latest"))
        {
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }

        using (var again = await _api.AddRangeAsync(registry, "127.0.0.1/32"))
        {
            var rules = await AuthApi.ExpectAsync(again, HttpStatusCode.OK);
            Assert.Single(rules.GetProperty("ipRules").EnumerateArray());
        }

        using (var removed = await _api.RemoveRangeAsync(registry, "127.0.0.1"))
        {
            await AuthApi.ExpectAsync(removed, HttpStatusCode.OK);
        }

        await ExpectDeniedAsync(client);
        using var missing = await _api.RemoveRangeAsync(registry, "127.0.0.1/32");
        await AuthApi.ExpectAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Public_access_disabled_allows_only_the_listed_ranges_whatever_the_default_action()
    {
        var registry = await _api.CreateAsync("Premium");
        await _api.SetRulesAsync(registry, "Allow", false);
        using var client = _api.DataPlane(registry);
        var message = await ExpectDeniedAsync(client);
        Assert.Contains("public network access to the registry is disabled", message, StringComparison.Ordinal);

        await _api.SetRulesAsync(registry, "Allow", false, "127.0.0.0/8");
        using var allowed = await client.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task The_token_service_of_a_denying_registry_refuses_the_client_and_other_registries_are_unaffected()
    {
        var registry = await _api.CreateAsync("Premium");
        var open = await _api.CreateAsync("Premium");
        await _api.SetRulesAsync(registry, "Deny", true, "192.0.2.0/24");
        using var client = _api.DataPlane(registry);
        using var token = await client.GetAsync($"/oauth2/token?service={RegistryApi.LoginServer(registry)}&scope=repository:app:pull");
        Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);
        Assert.Equal(ErrorCodes.Denied.Code, (await RegistryApi.OciErrorAsync(token)).Code);

        using var openClient = _api.DataPlane(open);
        using var served = await openClient.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task The_management_API_stays_reachable_from_a_denied_address()
    {
        var registry = await _api.CreateAsync("Premium");
        await _api.SetRulesAsync(registry, "Deny", true);
        using var client = _api.DataPlane(registry);
        await ExpectDeniedAsync(client);

        // Administrators can always undo a lockout: the control plane is not gated (as in ACR).
        using var rules = await _api.Owner.GetAsync($"/api/v1/registries/{registry}");
        Assert.Equal(HttpStatusCode.OK, rules.StatusCode);
        await _api.SetRulesAsync(registry, "Allow", true);
        using var allowed = await client.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task X_Forwarded_For_is_ignored_without_trusted_proxies()
    {
        var registry = await _api.CreateAsync("Premium");
        await _api.SetRulesAsync(registry, "Deny", true, "198.51.100.7/32");
        using var client = _api.DataPlane(registry);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");
        var message = await ExpectDeniedAsync(client);
        Assert.Contains("127.0.0.1", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.300/32", "not an IPv4 or IPv6 address")]
    [InlineData("10.0.0.1/8", "the range is 10.0.0.0/8")]
    [InlineData("2001:db8::/200", "/0 to /128")]
    [InlineData("", "empty")]
    public async Task An_invalid_range_is_refused_with_400_and_nothing_changes(string range, string expected)
    {
        var registry = await _api.CreateAsync("Premium");
        await _api.SetRulesAsync(registry, "Deny", true, "127.0.0.0/8");
        var before = (await _api.GetAsync(registry)).GetProperty("networkRuleSet").GetRawText();

        using (var added = await _api.AddRangeAsync(registry, range))
        {
            var message = await ExpectManagementErrorAsync(added, HttpStatusCode.BadRequest, "InvalidRequest");
            Assert.Contains(expected, message, StringComparison.Ordinal);
        }

        using (var replaced = await _api.PatchAsync(registry, new { networkRuleSet = new { defaultAction = "Deny", ipRules = new[] { "192.0.2.0/24", range } } }))
        {
            await ExpectManagementErrorAsync(replaced, HttpStatusCode.BadRequest, "InvalidRequest");
        }

        Assert.Equal(before, (await _api.GetAsync(registry)).GetProperty("networkRuleSet").GetRawText());
        using var client = _api.DataPlane(registry);
        using var stillAllowed = await client.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.OK, stillAllowed.StatusCode);
    }

    [Theory]
    [InlineData("Basic")]
    [InlineData("Standard")]
    public async Task Registries_below_Premium_cannot_have_network_rules(string sku)
    {
        var registry = await _api.CreateAsync(sku);
        var before = (await _api.GetAsync(registry)).GetProperty("networkRuleSet").GetRawText();
        using (var added = await _api.AddRangeAsync(registry, "10.0.0.0/8"))
        {
            var message = await ExpectManagementErrorAsync(added, HttpStatusCode.Conflict, "Conflict");
            Assert.Contains("Premium", message, StringComparison.Ordinal);
        }

        using (var deny = await _api.PatchAsync(registry, new { networkRuleSet = new { defaultAction = "Deny" } }))
        {
            await ExpectManagementErrorAsync(deny, HttpStatusCode.Conflict, "Conflict");
        }

        using (var closed = await _api.PatchAsync(registry, new { networkRuleSet = new { publicNetworkAccess = false } }))
        {
            await ExpectManagementErrorAsync(closed, HttpStatusCode.Conflict, "Conflict");
        }

        Assert.Equal(before, (await _api.GetAsync(registry)).GetProperty("networkRuleSet").GetRawText());
    }

    [Fact]
    public async Task Leaving_Premium_is_refused_while_rules_are_in_force()
    {
        var registry = await _api.CreateAsync("Premium");
        await _api.SetRulesAsync(registry, "Deny", true, "127.0.0.0/8");
        using (var downgrade = await _api.PatchAsync(registry, new { sku = "Standard" }))
        {
            var message = await ExpectManagementErrorAsync(downgrade, HttpStatusCode.Conflict, "Conflict");
            Assert.Contains("network rules", message, StringComparison.Ordinal);
        }

        Assert.Equal("Premium", (await _api.GetAsync(registry)).GetProperty("sku").GetString());

        await _api.SetRulesAsync(registry, "Allow", true);
        using var allowed = await _api.PatchAsync(registry, new { sku = "Standard" });
        Assert.Equal("Standard", (await AuthApi.ExpectAsync(allowed, HttpStatusCode.OK)).GetProperty("sku").GetString());
    }

    /// <summary>A pull is refused with 403 DENIED; returns the message.</summary>
    internal static async Task<string> ExpectDeniedAsync(HttpClient client)
    {
        using var denied = await client.GetAsync("/v2/app/manifests/latest");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var (code, message) = await RegistryApi.OciErrorAsync(denied);
        Assert.Equal(ErrorCodes.Denied.Code, code);
        return message;
    }

    private static async Task<string> ExpectManagementErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await AuthApi.ExpectAsync(response, status);
        var error = body.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        return error.GetProperty("message").GetString()!;
    }
}
