using System.Diagnostics;

namespace Berth.Bench.Scenarios;

/// <summary>Manifest and listing scenarios: hot-path GET/HEAD under wrk, manifest PUTs, tag list, catalog.</summary>
internal static class MetadataScenarios
{
    private const string HotRepo = "bench/hot";

    /// <summary>Pushes a small image into <c>bench/hot</c> (the base every other repository mounts from).</summary>
    public static async Task<(Blob Config, Blob Layer)> SeedImageAsync(IReadOnlyList<Target> registries, CancellationToken ct)
    {
        var config = Payload.Config();
        var layer = Blob.Of(Payload.Random(4096, seed: 4));
        foreach (var client in registries.Select(t => t.Client))
        {
            await client.PushMonolithicAsync(HotRepo, config.Content, config.Digest, ct);
            await client.PushMonolithicAsync(HotRepo, layer.Content, layer.Digest, ct);
            await client.PutManifestAsync(HotRepo, "latest", Payload.Manifest(config, layer, "hot"), ct);
            await client.GetManifestAsync(HotRepo, "latest", ct);
        }

        return (config, layer);
    }

    /// <summary>
    /// Manifest GET by tag under wrk, and blob HEAD (plus manifest GET again, for comparison) under the
    /// closed-loop client, from <see cref="Scale.WrkConnections"/> connections: per target a warm-up run,
    /// then <see cref="Scale.WrkRounds"/> interleaved rounds sharing <see cref="Scale.WrkDuration"/>.
    /// </summary>
    public static async Task HotPathAsync(
        IReadOnlyList<Target> registries, HttpClient http, Wrk wrk, Blob layer, Scale scale, CancellationToken ct)
    {
        var round = scale.WrkDuration / scale.WrkRounds;
        Func<TimeSpan, Task<Wrk.Summary>> WrkGet(Target target)
        {
            List<string> headers = [$"Accept: {RegistryClient.OciManifest}"];
            if (target.Client.AuthorizationHeader is { } authorization)
            {
                headers.Add($"Authorization: {authorization}");
            }

            return duration => wrk.RunAsync(target.Client.ManifestUri(HotRepo, "latest"), "GET", headers, duration, ct);
        }

        Func<TimeSpan, Task<Wrk.Summary>> DotnetHead(Target target) => duration => ClosedLoop.RunAsync(
            http, () => target.Client.Request(HttpMethod.Head, target.Client.BlobUri(HotRepo, layer.Digest)), scale.WrkConnections, duration, ct);
        Func<TimeSpan, Task<Wrk.Summary>> DotnetGet(Target target) => duration => ClosedLoop.RunAsync(http, () =>
        {
            var request = target.Client.Request(HttpMethod.Get, target.Client.ManifestUri(HotRepo, "latest"));
            request.Headers.Accept.ParseAdd(RegistryClient.OciManifest);
            return request;
        }, scale.WrkConnections, duration, ct);

        foreach (var (name, load) in new (string, Func<Target, Func<TimeSpan, Task<Wrk.Summary>>>)[]
            { ("manifest_get", WrkGet), ("blob_head", DotnetHead), ("manifest_get_dotnet", DotnetGet) })
        {
            foreach (var target in registries)
            {
                await load(target)(TimeSpan.FromSeconds(2));
            }

            await Target.RoundsAsync(registries, scale.WrkRounds, async (target, _) =>
            {
                var summary = await load(target)(round);
                target.Add($"{name}_rps", summary.RequestsPerSecond, "req/s");
                target.Add($"{name}_p50_ms", summary.P50Ms, "ms");
                target.Add($"{name}_p99_ms", summary.P99Ms, "ms");
                target.Add($"{name}_errors", summary.Errors, "responses");
            });
        }
    }

    /// <summary>Sequential PUTs of distinct manifests, each under its own tag: the latency of one push's last step.</summary>
    public static Task ManifestPutsAsync(IReadOnlyList<Target> registries, Blob config, Blob layer, Scale scale, CancellationToken ct) =>
        Target.RoundsAsync(registries, 1, async (target, _) =>
        {
            const string repo = "bench/put";
            var client = target.Client;
            await client.MountAsync(repo, config.Digest, HotRepo, ct);
            await client.MountAsync(repo, layer.Digest, HotRepo, ct);
            var manifests = Enumerable.Range(0, scale.ManifestPuts).Select(i => Payload.Manifest(config, layer, $"put-{i}")).ToArray();
            var latency = new Latency(manifests.Length);
            var (done, elapsed) = await Workers.RunAsync(1, manifests.Length, scale.ScenarioLimit, latency,
                (i, token) => client.PutManifestAsync(repo, $"p{i}", manifests[i], token), ct);
            BlobScenarios.Complete(done, manifests.Length, "manifest PUTs");
            target.Add("manifest_put_per_s", done / elapsed.TotalSeconds, "PUT/s");
            target.Add("manifest_put_p99_ms", latency.Milliseconds(99), "ms");
        });

    /// <summary>Tags one manifest <see cref="Scale.TagCount"/> times, then times full tag listings (following Link pages).</summary>
    public static Task TagListAsync(IReadOnlyList<Target> registries, Blob config, Blob layer, Scale scale, CancellationToken ct) =>
        Target.RoundsAsync(registries, 1, async (target, _) =>
        {
            const string repo = "bench/tags";
            var client = target.Client;
            await client.MountAsync(repo, config.Digest, HotRepo, ct);
            await client.MountAsync(repo, layer.Digest, HotRepo, ct);
            var manifest = Payload.Manifest(config, layer, "tags");
            var (done, elapsed) = await Workers.RunAsync(scale.SeedWorkers, scale.TagCount, scale.ScenarioLimit, null,
                (i, token) => client.PutManifestAsync(repo, $"t{i:D5}", manifest, token), ct);
            BlobScenarios.Complete(done, scale.TagCount, "tag seeding");
            target.Add("tag_put_per_s", done / elapsed.TotalSeconds, "PUT/s");
            await ListAsync(target, $"v2/{repo}/tags/list?n=1000", "tags", scale.TagCount, "tags_list", scale, ct);
        });

    /// <summary>Creates <see cref="Scale.RepoCount"/> repositories (two mounts and a manifest each), then times full catalog listings.</summary>
    public static Task CatalogAsync(IReadOnlyList<Target> registries, Blob config, Blob layer, Scale scale, CancellationToken ct) =>
        Target.RoundsAsync(registries, 1, async (target, _) =>
        {
            var client = target.Client;
            var manifest = Payload.Manifest(config, layer, "catalog");
            var (done, elapsed) = await Workers.RunAsync(scale.SeedWorkers, scale.RepoCount, scale.ScenarioLimit, null, async (i, token) =>
            {
                var repo = $"bench/cat/r{i:D5}";
                await client.MountAsync(repo, config.Digest, HotRepo, token);
                await client.MountAsync(repo, layer.Digest, HotRepo, token);
                await client.PutManifestAsync(repo, "v1", manifest, token);
            }, ct);
            BlobScenarios.Complete(done, scale.RepoCount, "repository seeding");
            target.Add("repo_create_per_s", done / elapsed.TotalSeconds, "repos/s");
            await ListAsync(target, "v2/_catalog?n=1000", "repositories", scale.RepoCount, "catalog_list", scale, ct);
        });

    private static async Task ListAsync(Target target, string path, string property, int atLeast, string name, Scale scale, CancellationToken ct)
    {
        var latency = new Latency(scale.ListMaxRuns);
        var clock = Stopwatch.StartNew();
        var (items, pages) = (0, 0);
        for (var run = 0; run < scale.ListMaxRuns && (run < 3 || clock.Elapsed < scale.ListDuration); run++)
        {
            var start = Stopwatch.GetTimestamp();
            (items, pages) = await target.Client.ListAllAsync(path, property, maxPages: 1000, ct);
            latency.Add(start);
        }

        if (items < atLeast)
        {
            throw new BenchException($"{path} listed {items} {property}, expected at least {atLeast}");
        }

        target.Add($"{name}_ms", latency.Milliseconds(50), "ms (median, full listing)");
        target.Add($"{name}_p99_ms", latency.Milliseconds(99), "ms");
        target.Add($"{name}_pages", pages, "pages");
    }
}
