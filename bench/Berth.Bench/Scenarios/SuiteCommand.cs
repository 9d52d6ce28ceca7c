using System.Text.Json;

namespace Berth.Bench.Scenarios;

/// <summary>Runs every registry scenario against one registry, in a fixed order, and saves the metrics.</summary>
internal static class SuiteCommand
{
    public static async Task<int> RunAsync(CommandArgs args)
    {
        var url = args.LoopbackUrl("url");
        var label = args.Required("label");
        var output = args.Required("out");
        var scale = args.Flag("quick") ? Scale.Quick : Scale.Full;
        var wrk = new Wrk(args.Optional("wrk") ?? "wrk", scale);
        using var everything = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var ct = everything.Token;

        using var http = BenchHttp.Create();
        var client = new RegistryClient(http, url);
        var results = new Results();
        results.Notes["label"] = label;
        results.Notes["url"] = url.AbsoluteUri;
        Console.WriteLine($"== {label} at {url}");
        await client.CheckAsync(ct);
        await WarmUpAsync(client, ct);

        var large = await BlobScenarios.LargeAsync(client, scale, results, ct);
        await BlobScenarios.SmallPushAsync(client, scale, results, ct);
        var pullBlobs = await BlobScenarios.SeedPullBlobsAsync(client, scale, ct);
        var (pullMiBs, pullP99) = await BlobScenarios.PullConcurrentAsync(
            client, pullBlobs.Select(d => client.BlobUri("bench/pull", d)).ToList(), scale.PullBlobBytes, scale.PullWorkers, scale.PullDuration, ct);
        results.Set("pull_1mib_mibs", pullMiBs, "MiB/s");
        results.Set("pull_1mib_p99_ms", pullP99, "ms");

        var (config, layer) = await MetadataScenarios.SeedImageAsync(client, ct);
        await MetadataScenarios.HotPathAsync(client, http, wrk, layer, scale, results, ct);
        await MetadataScenarios.ManifestPutsAsync(client, config, layer, scale, results, ct);
        await MetadataScenarios.TagListAsync(client, config, layer, scale, results, ct);
        await MetadataScenarios.CatalogAsync(client, config, layer, scale, results, ct);
        results.Save(output);

        if (args.Optional("files") is { } files)
        {
            var blobs = new StaticFiles(large, scale.LargeBytes, pullBlobs, scale.PullBlobBytes);
            await File.WriteAllTextAsync(files, JsonSerializer.Serialize(blobs), ct);
        }

        return 0;
    }

    /// <summary>A few of each request kind first, so neither server is measured while it JIT-compiles or warms caches.</summary>
    private static async Task WarmUpAsync(RegistryClient client, CancellationToken ct)
    {
        var config = Payload.Config();
        var blobs = Enumerable.Range(0, 64).Select(i => Blob.Of(Payload.Random(64 << 10, seed: 100 + i))).ToList();
        await Workers.RunAsync(4, blobs.Count, TimeSpan.FromSeconds(30), null,
            (i, token) => client.PushMonolithicAsync("bench/warm", blobs[i].Content, blobs[i].Digest, token), ct);
        var big = Blob.Of(Payload.Random(8 << 20, seed: 99));
        await client.PushChunkedAsync("bench/warm", big.Content, big.Digest, 1 << 20, ct);
        await client.PushMonolithicAsync("bench/warm", config.Content, config.Digest, ct);
        var buffer = new byte[1 << 20];
        for (var i = 0; i < 50; i++)
        {
            await client.PutManifestAsync("bench/warm", $"w{i}", Payload.Manifest(config, blobs[i], $"warm-{i}"), ct);
            await client.GetManifestAsync("bench/warm", $"w{i}", ct);
            await client.DrainAsync(client.BlobUri("bench/warm", big.Digest), buffer, ct);
        }

        await client.ListAllAsync("v2/bench/warm/tags/list", "tags", 10, ct);
        await client.ListAllAsync("v2/_catalog", "repositories", 10, ct);
    }
}

/// <summary>Which blobs a suite left behind, so nginx can serve the very same files.</summary>
internal sealed record StaticFiles(string Large, long LargeSize, IReadOnlyList<string> Small, long SmallSize);
