using System.Text.Json;
using Berth.Cli.Runtime;
using Berth.Cli.Tests.Infrastructure;

namespace Berth.Cli.Tests.EndToEnd;

/// <summary><c>berth advisories import|status</c> against a real server, with real Go vulnerability database entries.</summary>
public sealed class AdvisoryCommandsTests(BerthFixture server) : IClassFixture<BerthFixture>
{
    private Task<CliRunner> OwnerAsync() => server.OwnerCliAsync();

    private static string GoData => Path.Combine(AppContext.BaseDirectory, "TestData", "advisories", "go-vulndb", "data", "osv");

    [Fact]
    public async Task Import_then_status_shows_the_source_in_a_table_and_as_json()
    {
        using var cli = await OwnerAsync();

        var import = await cli.RunAsync("advisories", "import", GoData, "-o", "json");
        var table = await cli.RunAsync("advisories", "status");
        var json = await cli.RunAsync("advisories", "status", "-o", "json");

        Assert.True(import.ExitCode == 0, import.ToString());
        var report = JsonDocument.Parse(import.Out).RootElement;
        Assert.Equal(2, report.GetProperty("advisoriesRead").GetInt32());
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("GO", table.Out, StringComparison.Ordinal);
        Assert.Contains("Withdrawn", table.Out, StringComparison.Ordinal);
        Assert.Contains("last import", table.Out, StringComparison.Ordinal);
        var go = JsonDocument.Parse(json.Out).RootElement.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "GO");
        Assert.Equal(2, go.GetProperty("advisories").GetInt32());
        Assert.Equal(1, go.GetProperty("withdrawn").GetInt32());
    }

    [Fact]
    public async Task Failed_import_exits_2_as_rejected_input_with_the_reason()
    {
        using var cli = await OwnerAsync();
        var bad = Path.Combine(cli.Home, "bad");
        Directory.CreateDirectory(bad);
        await File.WriteAllTextAsync(Path.Combine(bad, "GO-2099-0001.json"), "{\"id\": \"GO-2099-0001\", \"affected\": [");

        var result = await cli.RunAsync("advisories", "import", bad);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("GO-2099-0001.json", result.Error, StringComparison.Ordinal);
        Assert.Contains("changed nothing", result.Error, StringComparison.Ordinal);
    }
}
