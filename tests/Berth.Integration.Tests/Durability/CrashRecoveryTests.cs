using System.Collections.Concurrent;
using Berth.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Berth.Integration.Tests.Durability;

/// <summary>
/// Rounds of {start the real server; push concurrently; <c>kill -9</c> at a random moment; restart on the same
/// data}. Afterwards every acknowledged push is there byte for byte, everything reachable hashes to its digest,
/// no blob file is torn, crash leftovers are reclaimable, and what was interrupted can simply be pushed again.
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 4;
    private const int Workers = 5;
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Acknowledged_pushes_survive_kill_9_and_interrupted_pushes_corrupt_nothing()
    {
        var data = _temp.Combine("data");
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var acknowledged = new ConcurrentBag<TestImage>();
        var interrupted = new ConcurrentBag<TestImage>();

        for (var round = 0; round < Rounds; round++)
        {
            await using var berth = await BerthProcess.StartAsync(data);
            using var http = berth.CreateClient();

            // What earlier rounds acknowledged survived the kill (a sample; the final check covers all).
            foreach (var image in acknowledged.OrderBy(_ => random.Next()).Take(10))
            {
                await image.AssertIntactAsync(http);
            }

            using var killed = new CancellationTokenSource();
            var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var workers = Enumerable.Range(0, Workers)
                .Select(w => PushUntilKilledAsync(berth, round, w, new Random(seed + (round * 100) + w), acknowledged, interrupted, firstAck, killed.Token))
                .ToList();

            // Kill at a random moment once pushes are flowing (every round then has acknowledged pushes to check).
            await Task.WhenAny(firstAck.Task, Task.WhenAll(workers), Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.True(firstAck.Task.IsCompleted, "no push was acknowledged in this round");
            await Task.Delay(random.Next(0, 1000));
            await killed.CancelAsync();
            await berth.KillAsync();
            await Task.WhenAll(workers);
            output.WriteLine($"round {round}: {acknowledged.Count} acknowledged, {interrupted.Count} interrupted so far");
        }

        Assert.NotEmpty(acknowledged);
        Assert.NotEmpty(interrupted);

        // No torn blob file: every file is absent or complete (rename of a flushed staging file).
        var files = RegistryWalker.AssertBlobFilesIntact(data);

        // Collect with everything expired, so crash leftovers (staging files, half-finished sessions, blobs
        // committed without a manifest) are reclaimed; nothing a tag references may go.
        var expireAll = new Dictionary<string, string> { ["BERTH__GC__GRACEPERIOD"] = "00:00:00", ["BERTH__REGISTRY__UPLOADEXPIRY"] = "00:00:00" };
        await using (var final = await BerthProcess.StartAsync(data, environment: expireAll))
        {
            using var http = final.CreateClient();
            var walk = await RegistryWalker.WalkAsync(http);
            Assert.True(walk.Tags >= acknowledged.Count, $"{walk.Tags} tags reachable, {acknowledged.Count} pushes acknowledged");
            foreach (var image in acknowledged)
            {
                await image.AssertIntactAsync(http);
            }

            var report = await GcResult.RunAsync(http, dryRun: false);
            output.WriteLine($"{files} blob files after the kills; {walk.Tags} tags, {walk.Blobs} blob references; GC: {report}");
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(data, "uploads")));
            Assert.Equal(walk, await RegistryWalker.WalkAsync(http));
            foreach (var image in acknowledged)
            {
                await image.AssertIntactAsync(http);
            }
        }

        await using (var again = await BerthProcess.StartAsync(data))
        {
            using var http = again.CreateClient();
            var oci = new OciClient(http);

            // Interrupted pushes, pushed again with the same content, succeed and read back intact.
            foreach (var image in interrupted)
            {
                await image.PushAsync(oci, chunkedFirst: false);
                await image.AssertIntactAsync(http);
            }

            var walk = await RegistryWalker.WalkAsync(http);
            Assert.True(walk.Tags >= acknowledged.Count + interrupted.Count);
        }

        RegistryWalker.AssertBlobFilesIntact(data);
    }

    public void Dispose() => _temp.Dispose();

    private static async Task PushUntilKilledAsync(
        BerthProcess berth,
        int round,
        int worker,
        Random random,
        ConcurrentBag<TestImage> acknowledged,
        ConcurrentBag<TestImage> interrupted,
        TaskCompletionSource firstAck,
        CancellationToken killed)
    {
        await Task.Yield();
        using var http = berth.CreateClient();
        var oci = new OciClient(http);
        for (var n = 0; ; n++)
        {
            var image = TestImage.Create($"crash/w{worker}", $"r{round}-{n}", random, layers: 3, 1_000, 200_000);
            try
            {
                await image.PushAsync(oci, chunkedFirst: n % 2 == 0, chunkSize: random.Next(16, 128) * 1024);
            }
            catch (Exception) when (killed.IsCancellationRequested)
            {
                // Killed mid-push (or just after the manifest was stored, before the answer arrived).
                interrupted.Add(image);
                return;
            }

            acknowledged.Add(image);
            firstAck.TrySetResult();
            if (killed.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
