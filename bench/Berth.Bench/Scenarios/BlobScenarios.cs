using System.Buffers;
using System.Diagnostics;

namespace Berth.Bench.Scenarios;

/// <summary>Blob push and pull throughput: one large blob, many small blobs, many concurrent 1 MiB pulls.</summary>
internal static class BlobScenarios
{
    private const double MiB = 1 << 20;

    /// <summary>Pushes the large blob monolithically and in chunks (a new digest per run), then pulls it. Returns the pulled blob.</summary>
    public static async Task<string> LargeAsync(RegistryClient client, Scale scale, Results results, CancellationToken ct)
    {
        const string repo = "bench/large";
        var content = Payload.Random(scale.LargeBytes, seed: 1);
        var digest = "";
        foreach (var chunked in new[] { false, true })
        {
            var rates = new List<double>();
            for (var run = 0; run < scale.LargeRuns; run++)
            {
                digest = Payload.Restamp(content, (chunked ? 1000 : 0) + run);
                var clock = Stopwatch.StartNew();
                await (chunked
                    ? client.PushChunkedAsync(repo, content, digest, scale.ChunkBytes, ct)
                    : client.PushMonolithicAsync(repo, content, digest, ct));
                rates.Add(content.Length / MiB / clock.Elapsed.TotalSeconds);
            }

            results.Set(chunked ? "push_large_chunked_mibs" : "push_large_monolithic_mibs", Workers.Median(rates), "MiB/s");
        }

        var pull = await PullLargeAsync(client, client.BlobUri(repo, digest), content.Length, scale.LargePullRuns, ct);
        results.Set("pull_large_mibs", pull, "MiB/s");
        return digest;
    }

    /// <summary>Median MiB/s of <paramref name="runs"/> sequential GETs of one large object, after one warm-up GET.</summary>
    public static async Task<double> PullLargeAsync(RegistryClient client, Uri uri, long size, int runs, CancellationToken ct)
    {
        var buffer = new byte[1 << 20];
        var rates = new List<double>();
        for (var run = -1; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var read = await client.DrainAsync(uri, buffer, ct);
            if (read != size)
            {
                throw new BenchException($"GET {uri.AbsolutePath} returned {read} bytes, expected {size}");
            }

            if (run >= 0)
            {
                rates.Add(size / MiB / clock.Elapsed.TotalSeconds);
            }
        }

        return Workers.Median(rates);
    }

    /// <summary>Pushes distinct small blobs from concurrent clients (POST + PUT each).</summary>
    public static async Task SmallPushAsync(RegistryClient client, Scale scale, Results results, CancellationToken ct)
    {
        var blobs = MakeBlobs(scale.SmallCount, scale.SmallBytes, seed: 2);
        var latency = new Latency(blobs.Count);
        var (done, elapsed) = await Workers.RunAsync(scale.SmallWorkers, blobs.Count, scale.ScenarioLimit, latency,
            (i, token) => client.PushMonolithicAsync("bench/small", blobs[i].Content, blobs[i].Digest, token), ct);
        Complete(done, blobs.Count, "small-blob push");
        results.Set("push_small_blobs_per_s", done / elapsed.TotalSeconds, "blobs/s");
        results.Set("push_small_p99_ms", latency.Milliseconds(99), "ms");
    }

    /// <summary>Seeds the 1 MiB blobs that <see cref="PullConcurrentAsync"/> reads; returns their digests.</summary>
    public static async Task<IReadOnlyList<string>> SeedPullBlobsAsync(RegistryClient client, Scale scale, CancellationToken ct)
    {
        var blobs = MakeBlobs(scale.PullBlobCount, scale.PullBlobBytes, seed: 3);
        var (done, _) = await Workers.RunAsync(scale.SeedWorkers, blobs.Count, scale.ScenarioLimit, null,
            (i, token) => client.PushMonolithicAsync("bench/pull", blobs[i].Content, blobs[i].Digest, token), ct);
        Complete(done, blobs.Count, "1 MiB blob seeding");
        return blobs.Select(b => b.Digest).ToList();
    }

    /// <summary>MiB/s of <paramref name="workers"/> clients GETting <paramref name="uris"/> round-robin for <paramref name="duration"/>, after a short warm-up.</summary>
    public static async Task<(double MiBs, double P99)> PullConcurrentAsync(
        RegistryClient client, IReadOnlyList<Uri> uris, long size, int workers, TimeSpan duration, CancellationToken ct)
    {
        long bytes = 0;
        async Task Get(int i, CancellationToken token)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(256 << 10);
            try
            {
                var read = await client.DrainAsync(uris[i % uris.Count], buffer, token);
                if (read != size)
                {
                    throw new BenchException($"GET {uris[i % uris.Count].AbsolutePath} returned {read} bytes, expected {size}");
                }

                Interlocked.Add(ref bytes, read);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        await Workers.RunAsync(workers, uris.Count * 4, duration / 5, null, Get, ct);
        bytes = 0;
        var latency = new Latency(2_000_000);
        var (_, elapsed) = await Workers.RunAsync(workers, 2_000_000, duration, latency, Get, ct);
        return (bytes / MiB / elapsed.TotalSeconds, latency.Milliseconds(99));
    }

    private static List<Blob> MakeBlobs(int count, int size, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var content = GC.AllocateUninitializedArray<byte>(size);
            random.NextBytes(content);
            return Blob.Of(content);
        }).ToList();
    }

    internal static void Complete(int done, int expected, string what)
    {
        if (done != expected)
        {
            throw new BenchException($"{what}: only {done} of {expected} operations finished within the time limit");
        }
    }
}
