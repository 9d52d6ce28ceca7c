using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Berth.Cli.Runtime;
using Berth.Cli.Tests.Infrastructure;

namespace Berth.Cli.Tests.EndToEnd;

/// <summary><c>berth check-health</c> and <c>berth audit verify|export</c> against a real server (and a closed port).</summary>
public sealed class ObservabilityCommandsTests(BerthFixture server) : IClassFixture<BerthFixture>
{
    private Task<CliRunner> OwnerAsync() => server.OwnerCliAsync();

    private static Dictionary<string, (string Status, string Detail)> Checks(CliResult result) =>
        JsonDocument.Parse(result.Out).RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => (c.GetProperty("status").GetString()!, c.GetProperty("detail").GetString()!));

    [Fact]
    public async Task Check_health_passes_against_the_server_with_the_stored_login()
    {
        using var cli = await OwnerAsync();

        var result = await cli.RunAsync("check-health", "--server", server.Server, "-o", "json");
        var checks = Checks(result);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.True(JsonDocument.Parse(result.Out).RootElement.GetProperty("healthy").GetBoolean());
        Assert.Equal("ok", checks["reachable"].Status);
        Assert.Equal("warn", checks["tls"].Status); // plain HTTP on loopback
        Assert.Equal("ok", checks["clock"].Status);
        Assert.True(checks["auth"].Status == "ok", checks["auth"].Detail);
        Assert.Equal("ok", checks["storage"].Status);
    }

    [Fact]
    public async Task Check_health_prints_a_table_and_reports_wrong_credentials_as_an_auth_failure()
    {
        using var cli = new CliRunner();

        var table = await cli.RunAsync("check-health", "--server", server.Server);
        var wrong = await cli.RunAsync("check-health", "--server", server.Server, "-u", BerthFixture.OwnerUsername, "-p", "not-the-password", "-o", "json");

        Assert.True(table.ExitCode == ExitCodes.Ok, table.ToString());
        Assert.Contains("storage", table.Out, StringComparison.Ordinal);
        Assert.Contains("is healthy", table.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Unauthorized, wrong.ExitCode);
        Assert.Equal("fail", Checks(wrong)["auth"].Status);
    }

    [Fact]
    public async Task Check_health_fails_clearly_against_a_closed_port()
    {
        using var cli = new CliRunner();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await cli.RunAsync("check-health", "--server", $"127.0.0.1:{port}", "-o", "json");
        var checks = Checks(result);

        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
        Assert.Equal("fail", checks["reachable"].Status);
        Assert.Contains($"127.0.0.1:{port}", checks["reachable"].Detail, StringComparison.Ordinal);
        Assert.All(new[] { "tls", "clock", "auth", "storage" }, n => Assert.Equal("skipped", checks[n].Status));
    }

    [Fact]
    public async Task Audit_verify_reports_an_intact_chain_and_export_streams_json_lines_since_a_time()
    {
        using var cli = await OwnerAsync();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var created = await cli.RunAsync("user", "create", "audit" + Guid.NewGuid().ToString("N")[..8], "-o", "json");
        Assert.True(created.ExitCode == ExitCodes.Ok, created.ToString());

        var verify = await cli.RunAsync("audit", "verify", "-o", "json");
        var export = await cli.RunAsync("audit", "export", "--since", since.ToString("O"));
        var lines = export.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var tooLate = await cli.RunAsync("audit", "export", "--since", "2999-01-01T00:00:00Z");
        var bad = await cli.RunAsync("audit", "export", "--since", "yesterday-ish");

        Assert.True(verify.ExitCode == ExitCodes.Ok, verify.ToString());
        Assert.True(JsonDocument.Parse(verify.Out).RootElement.GetProperty("valid").GetBoolean());
        Assert.True(export.ExitCode == ExitCodes.Ok, export.ToString());
        Assert.Contains(lines, l => l.GetProperty("action").GetString() == "user.create");
        Assert.All(lines, l => Assert.True(l.GetProperty("at").GetDateTimeOffset() >= since.AddMilliseconds(-1)));
        Assert.Equal((ExitCodes.Ok, ""), (tooLate.ExitCode, tooLate.Out));
        Assert.Equal(ExitCodes.Usage, bad.ExitCode);
    }
}
