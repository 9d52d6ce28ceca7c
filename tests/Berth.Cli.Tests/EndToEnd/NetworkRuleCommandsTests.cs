using System.Net;
using System.Text.Json;
using Berth.Cli.Runtime;
using Berth.Cli.Tests.Infrastructure;

namespace Berth.Cli.Tests.EndToEnd;

/// <summary><c>berth registry network-rule …</c> and the network options of <c>registry update</c> against a real server.</summary>
public sealed class NetworkRuleCommandsTests(BerthFixture server) : IClassFixture<BerthFixture>
{
    private static string NewName() => "net" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Ranges_default_action_and_public_access_round_trip_and_take_effect()
    {
        using var cli = await server.OwnerCliAsync();
        var name = NewName();
        await CliJson.JsonAsync(cli, "registry", "create", name, "--sku", "Premium");

        var added = await CliJson.JsonAsync(cli, "registry", "network-rule", "add", name, "--ip-address", "10.0.0.0/8");
        await CliJson.JsonAsync(cli, "registry", "network-rule", "add", name, "--ip-address", "2001:DB8::1");
        Assert.Equal(["10.0.0.0/8"], Ranges(added));
        var denied = await CliJson.JsonAsync(cli, "registry", "update", name, "--default-action", "Deny");
        Assert.Equal("Deny", denied.GetProperty("networkRuleSet").GetProperty("defaultAction").GetString());
        Assert.Equal(["10.0.0.0/8", "2001:db8::1/128"], Ranges(denied.GetProperty("networkRuleSet")));

        // The CLI's own address (127.0.0.1) is not allowed now: pulls are refused, management still works.
        using (var http = server.CreateClient())
        {
            http.DefaultRequestHeaders.Host = $"{name}.registry.local";
            using var pull = await http.GetAsync("/v2/");
            Assert.Equal(HttpStatusCode.Forbidden, pull.StatusCode);
        }

        var closed = await CliJson.JsonAsync(cli, "registry", "update", name, "--public-network-enabled", "false", "--default-action", "Allow");
        Assert.False(closed.GetProperty("networkRuleSet").GetProperty("publicNetworkAccess").GetBoolean());
        Assert.Equal(2, Ranges(closed.GetProperty("networkRuleSet")).Length);

        var table = await cli.RunAsync("registry", "network-rule", "list", name);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("10.0.0.0/8, 2001:db8::1/128", table.Out, StringComparison.Ordinal);
        var shown = await cli.RunAsync("registry", "show", name);
        Assert.Contains("public access off", shown.Out, StringComparison.Ordinal);

        var removed = await CliJson.JsonAsync(cli, "registry", "network-rule", "remove", name, "--ip-address", "10.0.0.0/8");
        Assert.Equal(["2001:db8::1/128"], Ranges(removed));
        var listed = await CliJson.JsonAsync(cli, "registry", "network-rule", "list", name);
        Assert.Equal(["2001:db8::1/128"], Ranges(listed));
    }

    [Fact]
    public async Task Refusals_map_to_the_documented_exit_codes()
    {
        using var cli = await server.OwnerCliAsync();
        var premium = NewName();
        var basic = NewName();
        await CliJson.JsonAsync(cli, "registry", "create", premium, "--sku", "Premium");
        await CliJson.JsonAsync(cli, "registry", "create", basic, "--sku", "Basic");

        var invalid = await cli.RunAsync("registry", "network-rule", "add", premium, "--ip-address", "10.0.0.1/8");
        Assert.Equal(ExitCodes.Usage, invalid.ExitCode);
        Assert.Contains("10.0.0.0/8", invalid.Error, StringComparison.Ordinal);

        var missing = await cli.RunAsync("registry", "network-rule", "remove", premium, "--ip-address", "192.0.2.0/24");
        Assert.Equal(ExitCodes.NotFound, missing.ExitCode);

        var notPremium = await cli.RunAsync("registry", "network-rule", "add", basic, "--ip-address", "10.0.0.0/8");
        Assert.Equal(ExitCodes.Failed, notPremium.ExitCode);
        Assert.Contains("Premium", notPremium.Error, StringComparison.Ordinal);
        var denyOnBasic = await cli.RunAsync("registry", "update", basic, "--default-action", "Deny");
        Assert.Equal(ExitCodes.Failed, denyOnBasic.ExitCode);
        Assert.Empty(Ranges((await CliJson.JsonAsync(cli, "registry", "network-rule", "list", basic))));

        var badAction = await cli.RunAsync("registry", "update", premium, "--default-action", "Block");
        Assert.Equal(ExitCodes.Usage, badAction.ExitCode);
    }

    private static string[] Ranges(JsonElement rules) => [.. rules.GetProperty("ipRules").EnumerateArray().Select(r => r.GetString()!)];
}
