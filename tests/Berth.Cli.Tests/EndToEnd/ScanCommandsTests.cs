using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Berth.Cli.Runtime;
using Berth.Cli.Tests.Infrastructure;

namespace Berth.Cli.Tests.EndToEnd;

/// <summary><c>berth scan</c> against a real server: policy, allowlist, reports in three formats, rescan, errors.</summary>
public sealed class ScanCommandsTests(BerthFixture server) : IClassFixture<BerthFixture>
{
    private async Task<CliRunner> OwnerAsync()
    {
        var cli = new CliRunner();
        var login = await cli.RunWithInputAsync(BerthFixture.OwnerPassword, "login", server.Server, "-u", BerthFixture.OwnerUsername, "--password-stdin");
        Assert.True(login.ExitCode == 0, login.ToString());
        return cli;
    }

    private static async Task<JsonElement> JsonAsync(CliRunner cli, params string[] args)
    {
        var result = await cli.RunAsync([.. args, "-o", "json"]);
        Assert.True(result.ExitCode == 0, $"berth {string.Join(' ', args)}\n{result}");
        return JsonDocument.Parse(result.Out).RootElement.Clone();
    }

    [Fact]
    public async Task Policy_and_allowlist_commands_round_trip_and_refuse_bad_input()
    {
        using var cli = await OwnerAsync();
        var repo = $"cli/scan{Guid.NewGuid():N}"[..20];

        var set = await JsonAsync(cli, "scan", "policy", "set", "--repository", repo, "--quarantine", "true", "--gate", "high");
        Assert.True(set.GetProperty("quarantine").GetBoolean());
        Assert.Equal("high", set.GetProperty("gate").GetProperty("minimumSeverity").GetString());
        var onlyFixable = await JsonAsync(cli, "scan", "policy", "set", "--repository", repo, "--only-fixable", "true");
        Assert.Equal("high", onlyFixable.GetProperty("gate").GetProperty("minimumSeverity").GetString());
        Assert.True(onlyFixable.GetProperty("gate").GetProperty("onlyFixable").GetBoolean());
        var shown = await JsonAsync(cli, "scan", "policy", "show", "--repository", repo);
        Assert.Equal("repository", shown.GetProperty("source").GetString());
        var registry = await JsonAsync(cli, "scan", "policy", "show");
        Assert.Contains(registry.GetProperty("repositories").EnumerateArray(), p => p.GetProperty("repository").GetString() == repo);

        var entry = await JsonAsync(cli, "scan", "allowlist", "add", "CVE-2099-1234", "--repository", repo, "--expires", "2099-01-01T00:00:00Z", "--reason", "accepted risk");
        var id = entry.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains((await JsonAsync(cli, "scan", "allowlist", "list", "--repository", repo)).EnumerateArray(), e => e.GetProperty("vulnerabilityId").GetString() == "CVE-2099-1234");
        Assert.Equal(ExitCodes.Ok, (await cli.RunAsync("scan", "allowlist", "remove", id)).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await cli.RunAsync("scan", "allowlist", "remove", id)).ExitCode);

        Assert.Equal(ExitCodes.Usage, (await cli.RunAsync("scan", "policy", "set", "--gate", "severe")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await cli.RunAsync("scan", "allowlist", "add", "CVE 1")).ExitCode);
        Assert.Equal(ExitCodes.Ok, (await cli.RunAsync("scan", "policy", "set", "--repository", repo, "--remove")).ExitCode);
        Assert.Equal("registry", (await JsonAsync(cli, "scan", "policy", "show", "--repository", repo)).GetProperty("source").GetString());
    }

    [Fact]
    public async Task Scan_show_list_and_rescan_an_image()
    {
        using var cli = await OwnerAsync();
        var repo = $"cli/img{Guid.NewGuid():N}"[..19];
        using var http = server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BerthFixture.OwnerUsername}:{BerthFixture.OwnerPassword}")));
        await TestImage.PushAsync(http, repo, "v1");

        var deadline = DateTime.UtcNow.AddMinutes(2);
        JsonElement scan;
        while (true)
        {
            var result = await cli.RunAsync("scan", "show", repo + ":v1", "-o", "json");
            if (result.ExitCode == ExitCodes.Ok && (scan = JsonDocument.Parse(result.Out).RootElement.Clone()).GetProperty("status").GetString() == "completed")
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the scan did not complete in time: " + result);
            await Task.Delay(200);
        }

        Assert.Equal(0, scan.GetProperty("counts").GetProperty("total").GetInt32());
        var digest = scan.GetProperty("digest").GetString()!;
        Assert.Equal(digest, Assert.Single((await JsonAsync(cli, "scan", "list", repo)).EnumerateArray()).GetProperty("digest").GetString());

        var sarif = await cli.RunAsync("scan", "show", $"{repo}@{digest}", "-o", "sarif");
        Assert.True(sarif.ExitCode == 0, sarif.ToString());
        Assert.Equal("2.1.0", JsonDocument.Parse(sarif.Out).RootElement.GetProperty("version").GetString());
        var table = await cli.RunAsync("scan", "show", repo + ":v1");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("completed", table.Out, StringComparison.Ordinal);
        Assert.Contains("No vulnerabilities found.", table.Out, StringComparison.Ordinal);

        var rescan = await JsonAsync(cli, "scan", "rescan", repo + ":v1");
        Assert.Equal(digest, rescan.GetProperty("digest").GetString());
        Assert.Equal(ExitCodes.NotFound, (await cli.RunAsync("scan", "show", repo + ":missing")).ExitCode);
    }
}
