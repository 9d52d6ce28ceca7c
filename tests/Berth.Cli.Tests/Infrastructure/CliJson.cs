using System.Text.Json;

namespace Berth.Cli.Tests.Infrastructure;

/// <summary>End-to-end helper: a command run with JSON output (log in with <see cref="BerthFixture.OwnerCliAsync"/>).</summary>
public static class CliJson
{
    /// <summary>Runs <c>berth ARGS -o json</c>, asserts success and returns the parsed output.</summary>
    public static async Task<JsonElement> JsonAsync(CliRunner cli, params string[] args)
    {
        var result = await cli.RunAsync([.. args, "-o", "json"]);
        Assert.True(result.ExitCode == 0, $"berth {string.Join(' ', args)}\n{result}");
        return JsonDocument.Parse(result.Out).RootElement.Clone();
    }
}
