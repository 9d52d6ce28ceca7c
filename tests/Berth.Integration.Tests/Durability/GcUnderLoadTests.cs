using System.Collections.Concurrent;
using System.Diagnostics;
using Berth.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Berth.Integration.Tests.Durability;

/// <summary>
/// A grace period comfortably longer than one image push takes here even under load (8 pushers, a collector
/// in a loop, two cores: up to ~2 s for heavier images), so a collection may only remove real garbage.
/// </summary>
public sealed class LoadGraceFixture : BerthServerFixture
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Berth:Gc:GracePeriod"] = Grace.ToString(),
    };
}

/// <summary>Online GC: collection running back to back while clients push must neither fail a push nor damage a pushed image.</summary>
[Collection(HeavyCollection.Name)]
public sealed class GcUnderLoadTests(LoadGraceFixture server, ITestOutputHelper output) : IClassFixture<LoadGraceFixture>
{
    private const int Workers = 8;
    private static readonly TimeSpan PushDuration = LoadGraceFixture.Grace + TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task Pushes_succeed_and_stay_intact_while_gc_runs_in_a_loop_deleting_garbage()
    {
        using var http = server.CreateClient();
        var oci = new OciClient(http);

        // Garbage older than the grace period before the load starts, so the collector has real work from the
        // first run; the workers push some of it again as a layer (into the repository that holds it, or another)
        // while the collector is deleting it.
        var oldGarbage = new List<byte[]>();
        for (var i = 0; i < 40; i++)
        {
            var bytes = OciClient.RandomBytes(1_000 + (i * 500));
            await oci.PushBlobAsync($"load/w{i % Workers}", bytes);
            oldGarbage.Add(bytes);
        }

        await Wait.PastAsync(LoadGraceFixture.Grace);

        var pushed = new ConcurrentBag<TestImage>();
        var reused = new ConcurrentDictionary<string, bool>();
        var slowest = new double[Workers];
        using var done = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            using var client = server.CreateClient();
            var workerOci = new OciClient(client);
            for (var n = 0; n < 3 || clock.Elapsed < PushDuration; n++)
            {
                var shared = oldGarbage[random.Next(oldGarbage.Count)];
                reused[OciClient.Digest(shared)] = true;
                var image = TestImage.Create($"load/w{w}", $"t{n}", random, layers: 2, 1_000, 64_000, extraLayers: [shared]);
                var took = Stopwatch.StartNew();
                try
                {
                    await image.PushAsync(workerOci, chunkedFirst: n % 2 == 0, chunkSize: 32 * 1024);
                }
                catch (Exception e)
                {
                    // Whether the push outlived the grace period decides between a collector bug and a too-slow machine.
                    throw new InvalidOperationException($"push of {image.Repository}:{image.Tag} failed after {took.ElapsedMilliseconds} ms (grace {LoadGraceFixture.Grace}): {e.Message}", e);
                }

                slowest[w] = Math.Max(slowest[w], took.Elapsed.TotalMilliseconds);
                pushed.Add(image);
            }
        })).ToList();

        // Fresh garbage keeps coming, so some of it crosses the grace period while the pushes are still running.
        var producer = Task.Run(async () =>
        {
            using var client = server.CreateClient();
            var producerOci = new OciClient(client);
            while (!done.IsCancellationRequested)
            {
                await producerOci.PushBlobAsync("load/fresh-garbage", OciClient.RandomBytes(2_000));
                await Task.Delay(50);
            }
        });

        var reports = new ConcurrentQueue<GcResult>();
        var collector = Task.Run(async () =>
        {
            using var client = server.CreateClient();
            while (!done.IsCancellationRequested && reports.Count < 5_000)
            {
                reports.Enqueue(await GcResult.RunAsync(client, dryRun: false));
            }
        });

        try
        {
            await Task.WhenAll(workers);
        }
        finally
        {
            await done.CancelAsync();
            await Task.WhenAll(producer, collector);
        }

        var collected = reports.Sum(r => r.Blobs);
        output.WriteLine($"{pushed.Count} images pushed by {Workers} workers during {reports.Count} collections that removed {collected} blobs; slowest push per worker (ms): {string.Join(", ", slowest.Select(x => (int)x))}");
        Assert.True(reports.Count >= 2, $"only {reports.Count} collections ran during the load");
        Assert.True(collected > 0, "the collector removed nothing while the pushes ran, so the test proves nothing");
        Assert.True(reports.Skip(1).Any(r => r.Blobs > 0), "only the first collection removed anything: no deletion overlapped later pushes");
        foreach (var image in pushed)
        {
            await image.AssertIntactAsync(http);
        }

        // Once everything is past the grace period, one more collection removes the rest of the garbage and
        // nothing that a tag references.
        await Wait.PastAsync(LoadGraceFixture.Grace);
        await GcResult.RunAsync(http, dryRun: false);
        foreach (var image in pushed)
        {
            await image.AssertIntactAsync(http);
        }

        var unused = oldGarbage.Where(g => !reused.ContainsKey(OciClient.Digest(g))).ToList();
        Assert.All(unused, g => Assert.False(File.Exists(RegistryWalker.BlobPath(server.DataDirectory, OciClient.Digest(g)))));
        Assert.Equal(new GcResult(true, 0, 0, 0, 0, 0, 0, 0, 0, 0), await GcResult.RunAsync(http, dryRun: true));
        var walk = await RegistryWalker.WalkAsync(http);
        Assert.Equal(pushed.Count, walk.Tags);
    }
}
