using System.Text.Json;

namespace Berth.Bench.Scenarios;

/// <summary>
/// The same large and 1 MiB pulls as the suite, against a plain static file server (nginx with sendfile)
/// serving the blob files straight out of Berth's data directory: the ceiling for blob GETs on this machine.
/// </summary>
internal static class StaticFilesCommand
{
    public static async Task<int> RunAsync(CommandArgs args)
    {
        var url = args.LoopbackUrl("url");
        var files = JsonSerializer.Deserialize<StaticFiles>(await File.ReadAllTextAsync(args.Required("files")))
            ?? throw new BenchException("empty --files");
        var layout = args.Optional("layout") ?? "blobs/sha256/{hex2}/{hex}";
        var scale = args.Flag("quick") ? Scale.Quick : Scale.Full;
        using var everything = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = everything.Token;

        using var http = BenchHttp.Create();
        var client = new RegistryClient(http, url);
        var results = new Results();
        results.Notes["label"] = "nginx";
        Console.WriteLine($"== nginx (sendfile) at {url}");
        Uri Path(string digest)
        {
            var hex = digest["sha256:".Length..];
            return new Uri(url, layout.Replace("{hex2}", hex[..2], StringComparison.Ordinal).Replace("{hex}", hex, StringComparison.Ordinal));
        }

        results.Set("pull_large_mibs", await BlobScenarios.PullLargeAsync(client, Path(files.Large), files.LargeSize, scale.LargePullRuns, ct), "MiB/s");
        var (mibs, p99) = await BlobScenarios.PullConcurrentAsync(
            client, files.Small.Select(Path).ToList(), files.SmallSize, scale.PullWorkers, scale.PullDuration, ct);
        results.Set("pull_1mib_mibs", mibs, "MiB/s");
        results.Set("pull_1mib_p99_ms", p99, "ms");
        results.Save(args.Required("out"));
        return 0;
    }
}
