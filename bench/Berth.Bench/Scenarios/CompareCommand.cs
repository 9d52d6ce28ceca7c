namespace Berth.Bench.Scenarios;

/// <summary>
/// Runs every scenario against Berth and the reference registry with one client, scenario by scenario and
/// round by round interleaved, and the blob pulls also against nginx serving Berth's own blob files.
/// </summary>
internal static class CompareCommand
{
    public static async Task<int> RunAsync(CommandArgs args)
    {
        var scale = args.Flag("quick") ? Scale.Quick : Scale.Full;
        var output = args.Required("out");
        var wrk = new Wrk(args.Optional("wrk") ?? "wrk", scale);
        var layout = args.Optional("nginx-layout") ?? "blobs/sha256/{hex2}/{hex}";
        using var everything = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var ct = everything.Token;

        using var http = BenchHttp.Create();
        Target Registry(string label)
        {
            // user:password for a registry that cannot run without authentication; sent as Basic on every request.
            var credentials = args.Optional($"{label}-auth");
            var authorization = credentials is null ? null
                : new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)));
            var client = new RegistryClient(http, args.LoopbackUrl(label), authorization);
            var pid = int.TryParse(args.Optional($"{label}-pid"), out var id) ? id : (int?)null;
            return new Target(label, client, client.BlobUri, pid);
        }

        var berth = Registry("berth");
        var reference = Registry("reference");
        var nginxUrl = args.LoopbackUrl("nginx");
        var nginx = new Target("nginx", new RegistryClient(http, nginxUrl), (_, digest) =>
        {
            var hex = digest["sha256:".Length..];
            return new Uri(nginxUrl, layout.Replace("{hex2}", hex[..2], StringComparison.Ordinal).Replace("{hex}", hex, StringComparison.Ordinal));
        });
        Target[] registries = [berth, reference];
        Target[] withNginx = [berth, nginx, reference];

        foreach (var target in registries)
        {
            Console.WriteLine($"== warming up {target.Label} at {target.Client.BaseUri}");
            await target.Client.CheckAsync(ct);
            await WarmUp.RunAsync(target.Client, ct);
        }

        void Stage(string stage)
        {
            foreach (var target in registries)
            {
                target.NotePeakRss(stage);
            }
        }

        Stage("start + warm-up");

        Console.WriteLine("== large blobs");
        var large = await BlobScenarios.LargePushAsync(registries, scale, ct);
        Stage("large pushes");
        await BlobScenarios.LargePullAsync(withNginx, large, scale, ct);
        Stage("large pulls");
        Console.WriteLine("== small blobs");
        await BlobScenarios.SmallPushAsync(registries, scale, ct);
        Stage("small pushes");
        var pullBlobs = await BlobScenarios.SeedPullBlobsAsync(registries, scale, ct);
        await BlobScenarios.PullConcurrentAsync(withNginx, pullBlobs, scale, ct);
        Stage("1 MiB pulls");

        Console.WriteLine("== manifests and listings");
        var (config, layer) = await MetadataScenarios.SeedImageAsync(registries, ct);
        await MetadataScenarios.HotPathAsync(registries, http, wrk, layer, scale, ct);
        if (berth.Client.AuthorizationHeader is not null)
        {
            Console.WriteLine("== authentication overhead (Berth: anonymous, bearer, basic)");
            await AuthScenarios.AuthOverheadAsync(berth, http, wrk, scale, ct);
        }

        Stage("GET/HEAD load");
        await MetadataScenarios.ManifestPutsAsync(registries, config, layer, scale, ct);
        await MetadataScenarios.TagListAsync(registries, config, layer, scale, ct);
        await MetadataScenarios.CatalogAsync(registries, config, layer, scale, ct);
        Stage("PUTs and listings");

        Directory.CreateDirectory(output);
        foreach (var target in withNginx)
        {
            target.Finish().Save(Path.Combine(output, $"{target.Label}.json"));
        }

        return 0;
    }
}
