using Berth.Core.Registry;
using Microsoft.Extensions.Options;

namespace Berth.Scanning.Pipeline;

/// <summary>
/// Lets scanning work wait for a pause in pushes: returns once no write request arrived for
/// <see cref="ScanningOptions.YieldToPushesFor"/>, or after <see cref="ScanningOptions.MaxYield"/> at most.
/// Thread-safe.
/// </summary>
public sealed class PushYield(WriteActivity writes, IOptions<ScanningOptions> options, TimeProvider time)
{
    public async Task WaitAsync(CancellationToken ct)
    {
        var quiet = options.Value.YieldToPushesFor;
        var waited = TimeSpan.Zero;
        while (writes.SinceLastWrite < quiet && waited < options.Value.MaxYield)
        {
            var pause = quiet - writes.SinceLastWrite;
            pause = pause < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : pause;
            await Task.Delay(pause, time, ct);
            waited += pause;
        }
    }
}
