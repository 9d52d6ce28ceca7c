using System.Diagnostics;

namespace Berth.Bench.Scenarios;

/// <summary>Manifest and listing scenarios: hot-path GET/HEAD under wrk, manifest PUTs, tag list, catalog.</summary>
internal static class MetadataScenarios
{
    private const string HotRepo = "bench/hot";

    /// <summary>Pushes a small image into <c>bench/hot</c> (the base every other repository mounts from).</summary>
    public static async Task<(Blob Config, Blob Layer)> SeedImageAsync(RegistryClient client, CancellationToken ct)
    {
        var config = Payload.Config();
        var layer = Blob.Of(Payload.Random(4096, seed: 4));
        await client.PushMonolithicAsync(HotRepo, config.Content, config.Digest, ct);
        await client.PushMonolithicAsync(HotRepo, layer.Content, layer.Digest, ct);
        await client.PutManifestAsync(HotRepo, "latest", Payload.Manifest(config, layer, "hot"), ct);
        await client.GetManifestAsync(HotRepo, "latest", ct);
        return (config, layer);
    }

    /// <summary>
    /// Manifest GET by tag under wrk, and blob HEAD (plus manifest GET again, for comparison) under the
    /// closed-loop client, each from <see cref="Scale.WrkConnections"/> connections after a warm-up run.
    /// </summary>
    public static async Task HotPathAsync(
        RegistryClient client, HttpClient http, Wrk wrk, Blob layer, Scale scale, Results results, CancellationToken ct)
    {
        var manifest = client.ManifestUri(HotRepo, "latest");
        string[] accept = [$"Accept: {RegistryClient.OciManifest}"];
        await wrk.RunAsync(manifest, "GET", accept, TimeSpan.FromSeconds(2), ct);
        Record(results, "manifest_get", await wrk.RunAsync(manifest, "GET", accept, scale.WrkDuration, ct));

        HttpRequestMessage Head() => new(HttpMethod.Head, client.BlobUri(HotRepo, layer.Digest));
        HttpRequestMessage Get()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, manifest);
            request.Headers.Accept.ParseAdd(RegistryClient.OciManifest);
            return request;
        }

        foreach (var (name, make) in new (string, Func<HttpRequestMessage>)[] { ("blob_head", Head), ("manifest_get_dotnet", Get) })
        {
            await ClosedLoop.WarmAsync(http, make, scale.WrkConnections, ct);
            Record(results, name, await ClosedLoop.RunAsync(http, make, scale.WrkConnections, scale.WrkDuration, ct));
        }
    }

    private static void Record(Results results, string name, Wrk.Summary summary)
    {
        results.Set($"{name}_rps", summary.RequestsPerSecond, "req/s");
        results.Set($"{name}_p50_ms", summary.P50Ms, "ms");
        results.Set($"{name}_p99_ms", summary.P99Ms, "ms");
        results.Set($"{name}_errors", summary.Errors, "responses");
    }

    /// <summary>Sequential PUTs of distinct manifests, each under its own tag: the latency of one push's last step.</summary>
    public static async Task ManifestPutsAsync(RegistryClient client, Blob config, Blob layer, Scale scale, Results results, CancellationToken ct)
    {
        const string repo = "bench/put";
        await client.MountAsync(repo, config.Digest, HotRepo, ct);
        await client.MountAsync(repo, layer.Digest, HotRepo, ct);
        var manifests = Enumerable.Range(0, scale.ManifestPuts).Select(i => Payload.Manifest(config, layer, $"put-{i}")).ToArray();
        var latency = new Latency(manifests.Length);
        var (done, elapsed) = await Workers.RunAsync(1, manifests.Length, scale.ScenarioLimit, latency,
            (i, token) => client.PutManifestAsync(repo, $"p{i}", manifests[i], token), ct);
        BlobScenarios.Complete(done, manifests.Length, "manifest PUTs");
        results.Set("manifest_put_per_s", done / elapsed.TotalSeconds, "PUT/s");
        results.Set("manifest_put_p99_ms", latency.Milliseconds(99), "ms");
    }

    /// <summary>Tags one manifest <see cref="Scale.TagCount"/> times, then times full tag listings (following Link pages).</summary>
    public static async Task TagListAsync(RegistryClient client, Blob config, Blob layer, Scale scale, Results results, CancellationToken ct)
    {
        const string repo = "bench/tags";
        await client.MountAsync(repo, config.Digest, HotRepo, ct);
        await client.MountAsync(repo, layer.Digest, HotRepo, ct);
        var manifest = Payload.Manifest(config, layer, "tags");
        var (done, elapsed) = await Workers.RunAsync(scale.SeedWorkers, scale.TagCount, scale.ScenarioLimit, null,
            (i, token) => client.PutManifestAsync(repo, $"t{i:D5}", manifest, token), ct);
        BlobScenarios.Complete(done, scale.TagCount, "tag seeding");
        results.Set("tag_put_per_s", done / elapsed.TotalSeconds, "PUT/s");
        await ListAsync(client, $"v2/{repo}/tags/list?n=1000", "tags", scale.TagCount, "tags_list", scale, results, ct);
    }

    /// <summary>Creates <see cref="Scale.RepoCount"/> repositories (two mounts and a manifest each), then times full catalog listings.</summary>
    public static async Task CatalogAsync(RegistryClient client, Blob config, Blob layer, Scale scale, Results results, CancellationToken ct)
    {
        var manifest = Payload.Manifest(config, layer, "catalog");
        var (done, elapsed) = await Workers.RunAsync(scale.SeedWorkers, scale.RepoCount, scale.ScenarioLimit, null, async (i, token) =>
        {
            var repo = $"bench/cat/r{i:D5}";
            await client.MountAsync(repo, config.Digest, HotRepo, token);
            await client.MountAsync(repo, layer.Digest, HotRepo, token);
            await client.PutManifestAsync(repo, "v1", manifest, token);
        }, ct);
        BlobScenarios.Complete(done, scale.RepoCount, "repository seeding");
        results.Set("repo_create_per_s", done / elapsed.TotalSeconds, "repos/s");
        await ListAsync(client, "v2/_catalog?n=1000", "repositories", scale.RepoCount, "catalog_list", scale, results, ct);
    }

    private static async Task ListAsync(
        RegistryClient client, string path, string property, int atLeast, string name, Scale scale, Results results, CancellationToken ct)
    {
        var latency = new Latency(scale.ListMaxRuns);
        var clock = Stopwatch.StartNew();
        var (items, pages) = (0, 0);
        for (var run = 0; run < scale.ListMaxRuns && (run < 3 || clock.Elapsed < scale.ListDuration); run++)
        {
            var start = Stopwatch.GetTimestamp();
            (items, pages) = await client.ListAllAsync(path, property, maxPages: 1000, ct);
            latency.Add(start);
        }

        if (items < atLeast)
        {
            throw new BenchException($"{path} listed {items} {property}, expected at least {atLeast}");
        }

        results.Set($"{name}_ms", latency.Milliseconds(50), "ms (median, full listing)");
        results.Set($"{name}_p99_ms", latency.Milliseconds(99), "ms");
        results.Set($"{name}_pages", pages, "pages");
    }
}
