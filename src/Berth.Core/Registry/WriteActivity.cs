namespace Berth.Core.Registry;

/// <summary>
/// When the registry last served a write request (upload, manifest push, delete), so background work such as
/// scanning can yield the CPU to pushes. <see cref="Note"/> is one atomic store. Thread-safe.
/// </summary>
public sealed class WriteActivity
{
    private long _lastTicks = long.MinValue;

    /// <summary>Records a write request now.</summary>
    public void Note() => Volatile.Write(ref _lastTicks, Environment.TickCount64);

    /// <summary>Time since the last write request; <see cref="TimeSpan.MaxValue"/> when there was none.</summary>
    public TimeSpan SinceLastWrite
    {
        get
        {
            var last = Volatile.Read(ref _lastTicks);
            return last == long.MinValue ? TimeSpan.MaxValue : TimeSpan.FromMilliseconds(Environment.TickCount64 - last);
        }
    }
}
