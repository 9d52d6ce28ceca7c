using Berth.Core.Jobs;
using Berth.Core.Scanning;
using Microsoft.Extensions.Options;

namespace Berth.Scanning.Pipeline;

/// <summary>
/// Defender's continuous rescan: every <see cref="ScanningOptions.RescanInterval"/>, images pushed within
/// <see cref="ScanningOptions.PushedWithin"/> or pulled within <see cref="ScanningOptions.PulledWithin"/> are queued
/// again (a rescan re-matches the stored SBOM against current advisories), and so is anything left unfinished.
/// Images running in container groups join this set once container groups exist.
/// </summary>
public sealed class RescanJob(ScanQueue queue, IManifestActivity activity, IScanStore store, IOptions<ScanningOptions> options, TimeProvider time) : IScheduledJob
{
    public const string JobName = "scan-rescan";

    public string Name => JobName;

    public TimeSpan? Interval => options.Value.Enabled ? options.Value.RescanInterval : null;

    public async Task RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var target in await activity.ListInUseAsync(now - settings.PushedWithin, now - settings.PulledWithin, ct))
        {
            await queue.QueueAsync(target, null, ct);
        }

        foreach (var target in await store.ListUnfinishedAsync(ct))
        {
            queue.Enqueue(target);
        }
    }
}
