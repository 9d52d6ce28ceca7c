using System.Text.Json;
using Berth.Cli.Runtime;
using Berth.Cli.Tests.Infrastructure;

namespace Berth.Cli.Tests.EndToEnd;

/// <summary><c>berth registry …</c> against a real server: round trip, usage, and the confirmation a delete needs.</summary>
public sealed class RegistryCommandsTests(BerthFixture server) : IClassFixture<BerthFixture>
{
    private Task<CliRunner> OwnerAsync() => server.OwnerCliAsync();

    private static Task<JsonElement> JsonAsync(CliRunner cli, params string[] args) => CliJson.JsonAsync(cli, args);

    private static string NewName() => "cli" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Create_list_show_update_and_show_usage_round_trip()
    {
        using var cli = await OwnerAsync();
        var name = NewName();

        var created = await cli.RunAsync("registry", "create", name, "--sku", "Basic", "--admin-enabled", "--tags", "dept=IT", "costcenter=9999");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains($"{name}.registry.local", created.Out, StringComparison.Ordinal);
        Assert.Contains("admin password", created.Out, StringComparison.Ordinal);
        Assert.Contains("0 of 10737418240", created.Out, StringComparison.Ordinal);

        Assert.Contains((await JsonAsync(cli, "registry", "list")).EnumerateArray(), r => r.GetProperty("name").GetString() == name);
        var shown = await JsonAsync(cli, "registry", "show", name);
        Assert.Equal("Basic", shown.GetProperty("sku").GetString());
        Assert.Equal("9999", shown.GetProperty("tags").GetProperty("costcenter").GetString());
        Assert.True(shown.GetProperty("adminUserEnabled").GetBoolean());

        var updated = await JsonAsync(cli, "registry", "update", name, "--sku", "Premium", "--anonymous-pull", "true", "--admin-enabled", "false");
        Assert.Equal("Premium", updated.GetProperty("sku").GetString());
        Assert.True(updated.GetProperty("anonymousPullEnabled").GetBoolean());
        Assert.False(updated.GetProperty("adminUserEnabled").GetBoolean());

        var usage = await cli.RunAsync("registry", "show-usage", name);
        Assert.True(usage.ExitCode == 0, usage.ToString());
        foreach (var row in new[] { "Size", "Webhooks", "ScopeMapTokens", "ReadOperationsPerMinute", "WriteOperationsPerMinute" })
        {
            Assert.Contains(row, usage.Out, StringComparison.Ordinal);
        }

        var nothing = await cli.RunAsync("registry", "update", name);
        Assert.Equal(ExitCodes.Usage, nothing.ExitCode);
        var invalid = await cli.RunAsync("registry", "create", "no-dashes");
        Assert.Equal(ExitCodes.Usage, invalid.ExitCode);
    }

    [Fact]
    public async Task Delete_needs_confirmation_and_refuses_without_it()
    {
        using var cli = await OwnerAsync();
        var name = NewName();
        Assert.Equal(0, (await cli.RunAsync("registry", "create", name)).ExitCode);

        var refused = await cli.RunAsync("registry", "delete", name);
        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("--yes", refused.Error, StringComparison.Ordinal);
        var declined = await cli.RunWithInputAsync("n\n", "registry", "delete", name);
        Assert.Equal(ExitCodes.Usage, declined.ExitCode);
        Assert.Equal(0, (await cli.RunAsync("registry", "show", name)).ExitCode);

        var confirmed = await cli.RunWithInputAsync("y\n", "registry", "delete", name);
        Assert.True(confirmed.ExitCode == 0, confirmed.ToString());
        Assert.Equal(ExitCodes.NotFound, (await cli.RunAsync("registry", "show", name)).ExitCode);

        var other = NewName();
        Assert.Equal(0, (await cli.RunAsync("registry", "create", other)).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("registry", "delete", other, "--yes")).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await cli.RunAsync("registry", "delete", other, "--yes")).ExitCode);
    }
}
