using System.Net;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Durability;

/// <summary><c>berth serve</c> as an operator sees it: help, the ready line, start-up errors, graceful stop.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Serve_logs_exactly_one_ready_line_with_the_real_port_and_stops_cleanly_on_sigterm()
    {
        var data = _temp.Combine("data");
        await using var berth = await BerthProcess.StartAsync(data);
        using (var http = berth.CreateClient())
        {
            using var v2 = await http.GetAsync("/v2/");
            Assert.Equal(HttpStatusCode.OK, v2.StatusCode);
            Assert.Equal("ok", await http.GetStringAsync("/healthz"));
        }

        var exitCode = await berth.StopAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, exitCode);
        var ready = berth.StandardOutput.Where(l => l.Contains("Berth is ready", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(ready);
        Assert.NotEqual(0, berth.BaseAddress.Port);
        Assert.Contains($"listening on http://127.0.0.1:{berth.BaseAddress.Port}", line, StringComparison.Ordinal);
        Assert.Contains($"data in {data}", line, StringComparison.Ordinal);
        Assert.Empty(berth.StandardError);
    }

    [Fact]
    public async Task Serve_help_lists_listen_data_and_tls_options()
    {
        var result = await BerthProcess.RunAsync(["serve", "--help"]);

        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[] { "--listen", "--data", "--tls-cert", "--tls-key" })
        {
            Assert.Contains(option, result.StdOut, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Invalid_listen_flag_exits_non_zero_naming_the_setting()
    {
        var result = await BerthProcess.RunAsync(["serve", "--listen", "nonsense", "--data", _temp.Combine("data")]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--listen", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("Berth:Listen", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("'nonsense'", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Berth is ready", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_listen_environment_variable_exits_non_zero_naming_the_setting()
    {
        var result = await BerthProcess.RunAsync(
            ["serve", "--data", _temp.Combine("data")],
            new Dictionary<string, string> { ["BERTH__LISTEN"] = "127.0.0.1:notaport" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Berth:Listen", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:notaport", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_cert_without_key_exits_non_zero_naming_both_flags()
    {
        var cert = _temp.Combine("cert.pem");
        await File.WriteAllTextAsync(cert, "not used");

        var result = await BerthProcess.RunAsync(["serve", "--listen", "127.0.0.1:0", "--data", _temp.Combine("data"), "--tls-cert", cert]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--tls-cert", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("--tls-key", result.StdErr, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
