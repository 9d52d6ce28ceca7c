using System.Diagnostics;
using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Core.Registry;
using Berth.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Core.Gc;

/// <summary>
/// Online garbage collection driven by the metadata reference index (no read-only mode). Order matters:
/// untagged manifests (opt-in) → unreferenced repository links → unlinked blobs → stored objects metadata
/// does not know (crash leftovers) → expired upload sessions. Each deletion re-checks its condition in
/// its own transaction and blob deletions hold the digest lock that blob commits take, so concurrent
/// pushes stay intact. One collection runs at a time per process.
/// </summary>
public sealed partial class GarbageCollector(
    IGarbageIndex index,
    IBlobStore store,
    UploadReaper reaper,
    DigestLocks locks,
    IOptions<GcOptions> options,
    TimeProvider time,
    ILogger<GarbageCollector> logger,
    CachingManifestStore? manifestCache = null,
    CachingBlobIndex? blobCache = null,
    GcMetrics? metrics = null)
{
    private const int Page = 500;
    private readonly SemaphoreSlim _running = new(1, 1);

    public async Task<GcReport> RunAsync(bool dryRun, CancellationToken ct)
    {
        await _running.WaitAsync(ct);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var cutoff = time.GetUtcNow() - options.Value.GracePeriod;
            var (untagged, links, blobs, blobBytes) = dryRun ? await PreviewAsync(cutoff, ct) : await CollectMetadataAsync(cutoff, ct);
            var (orphans, orphanBytes) = await CollectOrphansAsync(cutoff, dryRun, ct);
            var (uploads, uploadBytes) = await reaper.ReapAsync(dryRun, ct);
            var report = new GcReport(dryRun, untagged, links, blobs, blobBytes, orphans, orphanBytes, uploads, uploadBytes, Stopwatch.GetElapsedTime(started));
            metrics?.Completed(report);
            LogReport(report.DryRun, report.UntaggedManifests, report.UnreferencedLinks, report.Blobs, report.OrphanObjects, report.ExpiredUploads, report.BytesFreed, report.Duration.TotalMilliseconds);
            return report;
        }
        finally
        {
            _running.Release();
        }
    }

    // A dry run must count what the real passes remove together: a blob whose only link is garbage is unlinked
    // by the link pass and only then collectable, so the passes are previewed in one rolled-back transaction.
    private async Task<(int Untagged, int Links, int Blobs, long BlobBytes)> PreviewAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var preview = await index.PreviewAsync(cutoff, options.Value.DeleteUntaggedManifests, ct);
        return (preview.UntaggedManifests, preview.UnreferencedLinks, preview.Blobs.Count, preview.Blobs.Sum(b => b.Size));
    }

    private async Task<(int Untagged, int Links, int Blobs, long BlobBytes)> CollectMetadataAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var untagged = options.Value.DeleteUntaggedManifests ? await index.DeleteUntaggedManifestsAsync(cutoff, ct) : 0;
        if (untagged > 0)
        {
            manifestCache?.Clear();
        }

        var links = await index.DeleteUnreferencedLinksAsync(cutoff, ct);
        if (links > 0)
        {
            blobCache?.Clear();
        }

        var (blobs, blobBytes) = await CollectBlobsAsync(cutoff, ct);
        return (untagged, links, blobs, blobBytes);
    }

    private async Task<(int Count, long Bytes)> CollectBlobsAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        int count = 0;
        long bytes = 0;
        for (var round = 0; round < 10_000; round++)
        {
            var page = await index.ListUnlinkedBlobsAsync(cutoff, Page, ct);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var blob in page)
            {
                if (await DeleteBlobAsync(blob.Digest, () => index.DeleteBlobIfUnlinkedAsync(blob.Digest, cutoff, ct), ct))
                {
                    count++;
                    bytes += blob.Size;
                }
            }
        }

        return (count, bytes);
    }

    private async Task<(int Count, long Bytes)> CollectOrphansAsync(DateTimeOffset cutoff, bool dryRun, CancellationToken ct)
    {
        int count = 0;
        long bytes = 0;
        await foreach (var obj in store.ListAsync(ct))
        {
            if (obj.LastModified >= cutoff || !Digest.TryParse(obj.Key, out var digest) || await index.IsKnownAsync(digest, ct))
            {
                continue;
            }

            if (dryRun || await DeleteBlobAsync(digest, async () => !await index.IsKnownAsync(digest, ct), ct))
            {
                count++;
                bytes += obj.Size;
            }
        }

        return (count, bytes);
    }

    // Under the digest lock: the metadata check (which may delete rows) and the object delete are one step
    // as far as concurrent commits of the same digest are concerned.
    private async Task<bool> DeleteBlobAsync(Digest digest, Func<Task<bool>> stillGarbage, CancellationToken ct)
    {
        using var held = await locks.AcquireAsync(digest, ct);
        if (!await stillGarbage())
        {
            return false;
        }

        await store.DeleteAsync(digest, ct);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection (dry run: {DryRun}) removed {Untagged} untagged manifests, {Links} links, {Blobs} blobs, {Orphans} orphan objects, {Uploads} expired uploads; {Bytes} bytes in {ElapsedMs} ms")]
    private partial void LogReport(bool dryRun, int untagged, int links, int blobs, int orphans, int uploads, long bytes, double elapsedMs);
}
