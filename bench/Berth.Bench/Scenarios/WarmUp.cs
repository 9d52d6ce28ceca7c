namespace Berth.Bench.Scenarios;

/// <summary>A few of each request kind first, so no server is measured while it JIT-compiles or warms caches.</summary>
internal static class WarmUp
{
    public static async Task RunAsync(RegistryClient client, CancellationToken ct)
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
