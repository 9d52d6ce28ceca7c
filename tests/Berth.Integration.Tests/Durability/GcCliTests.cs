using System.Net;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Durability;

/// <summary><c>berth gc</c> (the real executable) against a running server.</summary>
public sealed class GcCliTests(ShortGraceFixture server) : IClassFixture<ShortGraceFixture>
{
    private readonly OciClient _oci = new(server.CreateClient());

    [Fact]
    public async Task Berth_gc_dry_run_prints_the_json_report_and_the_real_run_frees_the_blob()
    {
        var repo = OciClient.NewRepo("cli");
        var garbage = OciClient.RandomBytes(33_333);
        var digest = await _oci.PushBlobAsync(repo, garbage);
        await Wait.PastAsync(ShortGraceFixture.Grace);
        var url = server.BaseAddress.ToString();

        var dry = await BerthProcess.RunAsync(["gc", "--dry-run", "--server", url, "-o", "json"]);

        Assert.True(dry.ExitCode == 0, $"berth gc --dry-run exited {dry.ExitCode}: {dry.StdErr}");
        var dryReport = GcResult.Parse(dry.StdOut);
        Assert.Equal(new GcResult(true, 0, UnreferencedLinks: 1, Blobs: 1, BlobBytes: garbage.Length, 0, 0, 0, 0, BytesFreed: garbage.Length), dryReport);
        Assert.Equal(garbage, await _oci.Http.GetByteArrayAsync($"/v2/{repo}/blobs/{digest}"));

        var real = await BerthProcess.RunAsync(["gc", "--server", url, "--output", "json"]);

        Assert.True(real.ExitCode == 0, $"berth gc exited {real.ExitCode}: {real.StdErr}");
        Assert.Equal(dryReport.AsReal(), GcResult.Parse(real.StdOut));
        using var gone = await _oci.Http.GetAsync($"/v2/{repo}/blobs/{digest}");
        await OciClient.AssertErrorAsync(gone, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        Assert.False(File.Exists(RegistryWalker.BlobPath(server.DataDirectory, digest)));
    }

    [Fact]
    public async Task Berth_gc_prints_a_table_by_default()
    {
        var result = await BerthProcess.RunAsync(["gc", "--dry-run", "--server", server.BaseAddress.ToString()]);

        Assert.True(result.ExitCode == 0, $"berth gc exited {result.ExitCode}: {result.StdErr}");
        Assert.Contains("bytesFreed", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("dryRun", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Berth_gc_against_an_unreachable_server_fails_with_a_clear_message()
    {
        // A port that was free a moment ago: nothing listens on it.
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var result = await BerthProcess.RunAsync(["gc", "--server", $"http://127.0.0.1:{port}"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("cannot reach", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", result.StdErr, StringComparison.Ordinal);
    }
}
