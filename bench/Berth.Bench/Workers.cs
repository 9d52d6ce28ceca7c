using System.Diagnostics;

namespace Berth.Bench;

/// <summary>Closed-loop concurrent clients, bounded by an operation count and a wall-clock limit.</summary>
internal static class Workers
{
    /// <summary>
    /// Runs <paramref name="operation"/>(i) for i in [0, <paramref name="count"/>) on <paramref name="workers"/>
    /// concurrent loops; no new operation starts after <paramref name="limit"/>. Returns operations done and elapsed time.
    /// </summary>
    public static async Task<(int Done, TimeSpan Elapsed)> RunAsync(
        int workers, int count, TimeSpan limit, Latency? latency, Func<int, CancellationToken, Task> operation, CancellationToken ct)
    {
        var next = -1;
        var done = 0;
        var clock = Stopwatch.StartNew();
        async Task Loop()
        {
            int i;
            while (clock.Elapsed < limit && (i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                await operation(i, ct);
                latency?.Add(start);
                Interlocked.Increment(ref done);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(Loop, ct)));
        return (done, clock.Elapsed);
    }

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
