using System.Diagnostics;
using System.Globalization;

namespace Berth.Bench.Scenarios;

/// <summary>
/// One registry, one large push mode, several runs, with the time of the upload's last request (the commit)
/// shown apart: for finding where a push's time goes, not part of the comparison.
/// </summary>
internal static class PushProbeCommand
{
    public static async Task<int> RunAsync(CommandArgs args)
    {
        var url = args.LoopbackUrl("url");
        var size = int.Parse(args.Optional("size-mib") ?? "512", CultureInfo.InvariantCulture) << 20;
        var chunk = int.Parse(args.Optional("chunk-mib") ?? "0", CultureInfo.InvariantCulture) << 20;
        var runs = Math.Clamp(int.Parse(args.Optional("runs") ?? "3", CultureInfo.InvariantCulture), 1, 20);
        using var http = BenchHttp.Create();
        var client = new RegistryClient(http, url);
        var content = Payload.Random(size, seed: 7);
        using var everything = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        for (var run = 0; run < runs; run++)
        {
            var digest = Payload.Restamp(content, Environment.TickCount64 + run);
            var clock = Stopwatch.StartNew();
            var commit = await (chunk > 0
                ? client.PushChunkedAsync("bench/probe", content, digest, chunk, everything.Token)
                : client.PushMonolithicAsync("bench/probe", content, digest, everything.Token));
            var total = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"run {run}: {size / (double)(1 << 20) / total,8:F1} MiB/s  total {total * 1000,7:F0} ms  last request {commit.TotalMilliseconds,7:F0} ms");
        }

        return 0;
    }
}
