using System.Text.Json;

namespace Berth.Cli.Tests.Infrastructure;

/// <summary>End-to-end helpers: a CLI logged in as the fixture's Owner, and commands run with JSON output.</summary>
public static class OwnerCli
{
    public static async Task<CliRunner> LoginAsync(BerthFixture server)
    {
        var cli = new CliRunner();
        var login = await cli.RunWithInputAsync(BerthFixture.OwnerPassword, "login", server.Server, "-u", BerthFixture.OwnerUsername, "--password-stdin");
        Assert.True(login.ExitCode == 0, login.ToString());
        return cli;
    }

    /// <summary>Runs <c>berth ARGS -o json</c>, asserts success and returns the parsed output.</summary>
    public static async Task<JsonElement> JsonAsync(CliRunner cli, params string[] args)
    {
        var result = await cli.RunAsync([.. args, "-o", "json"]);
        Assert.True(result.ExitCode == 0, $"berth {string.Join(' ', args)}\n{result}");
        return JsonDocument.Parse(result.Out).RootElement.Clone();
    }
}
