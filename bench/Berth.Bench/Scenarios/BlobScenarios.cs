using System.Buffers;
using System.Diagnostics;

namespace Berth.Bench.Scenarios;

/// <summary>Blob push and pull throughput: one large blob, many small blobs, many concurrent 1 MiB pulls.</summary>
internal static class BlobScenarios
{
    public const string LargeRepo = "bench/large";
    public const string PullRepo = "bench/pull";
    private const double MiB = 1 << 20;

    /// <summary>
    /// Pushes the large blob monolithically and in chunks, each push a new digest. Modes and registries take
    /// turns, the order alternating every run, since on this VM each push meets a fuller page cache than the
    /// one before. Returns the last blob pushed, which every registry now holds.
    /// </summary>
    public static async Task<Blob> LargePushAsync(IReadOnlyList<Target> registries, Scale scale, CancellationToken ct)
    {
        var content = Payload.Random(scale.LargeBytes, seed: 1);
        var digest = "";
        for (var run = 0; run < scale.LargeRuns; run++)
        {
            foreach (var chunked in run % 2 == 0 ? new[] { false, true } : [true, false])
            {
                digest = Payload.Restamp(content, (chunked ? 1000 : 0) + run);
                var metric = chunked ? "push_large_chunked_mibs" : "push_large_monolithic_mibs";
                foreach (var target in (run + (chunked ? 1 : 0)) % 2 == 0 ? registries : registries.Reverse())
                {
                    var clock = Stopwatch.StartNew();
                    await (chunked
                        ? target.Client.PushChunkedAsync(LargeRepo, content, digest, scale.ChunkBytes, ct)
                        : target.Client.PushMonolithicAsync(LargeRepo, content, digest, ct));
                    target.Add(metric, content.Length / MiB / clock.Elapsed.TotalSeconds, "MiB/s");
                }
            }
        }

        return new Blob(content, digest);
    }

    /// <summary>GETs of the large blob, one per target per round, after one warm-up GET each.</summary>
    public static async Task LargePullAsync(IReadOnlyList<Target> targets, Blob blob, Scale scale, CancellationToken ct)
    {
        var buffer = new byte[1 << 20];
        await Target.RoundsAsync(targets, 1 + scale.LargePullRuns, async (target, round) =>
        {
            var uri = target.BlobUri(LargeRepo, blob.Digest);
            var clock = Stopwatch.StartNew();
            var read = await target.Client.DrainAsync(uri, buffer, ct);
            Expect(read, blob.Content.Length, uri);
            if (round > 0)
            {
                target.Add("pull_large_mibs", read / MiB / clock.Elapsed.TotalSeconds, "MiB/s");
            }
        });
    }

    /// <summary>Pushes distinct small blobs from concurrent clients (POST + PUT each).</summary>
    public static async Task SmallPushAsync(IReadOnlyList<Target> registries, Scale scale, CancellationToken ct)
    {
        var blobs = MakeBlobs(scale.SmallCount, scale.SmallBytes, seed: 2);
        await Target.RoundsAsync(registries, 1, async (target, _) =>
        {
            var latency = new Latency(blobs.Count);
            var (done, elapsed) = await Workers.RunAsync(scale.SmallWorkers, blobs.Count, scale.ScenarioLimit, latency,
                (i, token) => target.Client.PushMonolithicAsync("bench/small", blobs[i].Content, blobs[i].Digest, token), ct);
            Complete(done, blobs.Count, "small-blob push");
            target.Add("push_small_blobs_per_s", done / elapsed.TotalSeconds, "blobs/s");
            target.Add("push_small_p99_ms", latency.Milliseconds(99), "ms");
        });
    }

    /// <summary>Seeds the 1 MiB blobs that <see cref="PullConcurrentAsync"/> reads; returns their digests.</summary>
    public static async Task<IReadOnlyList<string>> SeedPullBlobsAsync(IReadOnlyList<Target> registries, Scale scale, CancellationToken ct)
    {
        var blobs = MakeBlobs(scale.PullBlobCount, scale.PullBlobBytes, seed: 3);
        foreach (var target in registries)
        {
            var (done, _) = await Workers.RunAsync(scale.SeedWorkers, blobs.Count, scale.ScenarioLimit, null,
                (i, token) => target.Client.PushMonolithicAsync(PullRepo, blobs[i].Content, blobs[i].Digest, token), ct);
            Complete(done, blobs.Count, "1 MiB blob seeding");
        }

        return blobs.Select(b => b.Digest).ToList();
    }

    /// <summary>
    /// <see cref="Scale.PullWorkers"/> clients GET the 1 MiB blobs round-robin: per target a short warm-up, then
    /// <see cref="Scale.PullRounds"/> interleaved rounds sharing <see cref="Scale.PullDuration"/>.
    /// </summary>
    public static async Task PullConcurrentAsync(IReadOnlyList<Target> targets, IReadOnlyList<string> digests, Scale scale, CancellationToken ct)
    {
        var round = scale.PullDuration / scale.PullRounds;
        foreach (var target in targets)
        {
            await PullRoundAsync(target, digests, scale, round / 4, ct);
        }

        await Target.RoundsAsync(targets, scale.PullRounds, async (target, _) =>
        {
            var (mibs, p99) = await PullRoundAsync(target, digests, scale, round, ct);
            target.Add("pull_1mib_mibs", mibs, "MiB/s");
            target.Add("pull_1mib_p99_ms", p99, "ms");
        });
    }

    private static async Task<(double MiBs, double P99)> PullRoundAsync(
        Target target, IReadOnlyList<string> digests, Scale scale, TimeSpan duration, CancellationToken ct)
    {
        var uris = digests.Select(d => target.BlobUri(PullRepo, d)).ToList();
        long bytes = 0;
        var latency = new Latency(2_000_000);
        var (_, elapsed) = await Workers.RunAsync(scale.PullWorkers, 2_000_000, duration, latency, async (i, token) =>
        {
            var buffer = ArrayPool<byte>.Shared.Rent(256 << 10);
            try
            {
                var uri = uris[i % uris.Count];
                var read = await target.Client.DrainAsync(uri, buffer, token);
                Expect(read, scale.PullBlobBytes, uri);
                Interlocked.Add(ref bytes, read);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }, ct);
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

    private static void Expect(long read, long size, Uri uri)
    {
        if (read != size)
        {
            throw new BenchException($"GET {uri.AbsolutePath} returned {read} bytes, expected {size}");
        }
    }

    internal static void Complete(int done, int expected, string what)
    {
        if (done != expected)
        {
            throw new BenchException($"{what}: only {done} of {expected} operations finished within the time limit");
        }
    }
}
