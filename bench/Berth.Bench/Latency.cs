using System.Diagnostics;

namespace Berth.Bench;

/// <summary>Per-operation latencies, thread-safe to record; capacity bounds memory and sample count.</summary>
internal sealed class Latency(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private int _count;

    public int Count => Math.Min(Volatile.Read(ref _count), _ticks.Length);

    public void Add(long startTimestamp)
    {
        var slot = Interlocked.Increment(ref _count) - 1;
        if (slot < _ticks.Length)
        {
            _ticks[slot] = Stopwatch.GetTimestamp() - startTimestamp;
        }
    }

    /// <summary>The <paramref name="percentile"/>th latency in milliseconds (nearest rank), or NaN with no samples.</summary>
    public double Milliseconds(double percentile)
    {
        var n = Count;
        if (n == 0)
        {
            return double.NaN;
        }

        var sorted = _ticks[..n];
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percentile / 100 * n) - 1;
        return sorted[Math.Clamp(rank, 0, n - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
