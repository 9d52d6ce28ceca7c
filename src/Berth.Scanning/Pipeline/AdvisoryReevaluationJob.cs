using Berth.Core.Jobs;
using Berth.Core.Scanning;
using Berth.Scanning.Advisories.Storage;
using Microsoft.Extensions.Options;

namespace Berth.Scanning.Pipeline;

/// <summary>
/// Re-evaluation when advisories change: reads the advisory store's change feed after the last import run it
/// handled, finds the manifests whose SBOM holds a changed package (the package index) and queues only those; their
/// scan re-matches the stored SBOM without reading layers. The cursor is stored, so an import made while the server
/// was down is handled at the next start.
/// </summary>
public sealed class AdvisoryReevaluationJob(IAdvisoryStore advisories, IScanStore store, IManifestActivity activity, ScanQueue queue, IOptions<ScanningOptions> options) : IScheduledJob
{
    public const string JobName = "scan-advisory-reevaluation";
    internal const string Cursor = "advisory-import";

    public string Name => JobName;

    public TimeSpan? Interval => options.Value.Enabled ? options.Value.AdvisoryCheckInterval : null;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var after = await activity.GetCursorAsync(Cursor, ct);
        var changes = await advisories.GetChangesSinceAsync(after, ct);
        if (changes.LatestImportId <= after)
        {
            return;
        }

        if (changes.Packages.Count > 0)
        {
            var keys = changes.Packages.Select(p => new PackageIndexKey(p.Ecosystem, p.Name)).ToList();
            foreach (var target in await store.FindByPackagesAsync(keys, ct))
            {
                await queue.QueueAsync(target, null, ct);
            }
        }

        await activity.SetCursorAsync(Cursor, changes.LatestImportId, ct);
    }
}
