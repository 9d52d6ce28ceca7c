using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Core.Registry;
using Berth.Core.Scanning;
using Berth.Core.Storage;
using Berth.Scanning.Advisories.Storage;
using Berth.Scanning.Findings;
using Berth.Scanning.Findings.Components;
using Berth.Scanning.Inventory;
using Berth.Scanning.Sbom;
using Microsoft.Extensions.Logging;

namespace Berth.Scanning.Pipeline;

/// <summary>
/// One scan: for an image manifest, or every platform manifest of an index, take the SBOM Berth stored for it (or
/// inventory the layers, write the SBOM and store it as a referrer), match it against the advisory store, then store
/// the report and package index in one transaction (which ends quarantine), refresh the pull gate and append the
/// events. An SBOM is made once per platform manifest (its content never changes), so rescans and re-evaluations
/// only re-match and never read layers. Thread-safe.
/// </summary>
public sealed partial class ManifestScanner(
    ManifestService manifests,
    IBlobStore blobs,
    ImageSbomGenerator generator,
    AdvisoryMatcher matcher,
    IAdvisoryStore advisories,
    SbomReferrers referrers,
    IScanStore store,
    ScanStateCache states,
    ScanEvents events,
    TimeProvider time,
    ILogger<ManifestScanner> logger) : IManifestScanner
{
    // Striped locks: one scan per manifest at a time, and one SBOM per platform manifest even when an index and its
    // children are scanned at once. Two arrays, because an image manifest is its own platform manifest.
    private readonly SemaphoreSlim[] _scanLocks = Stripes();
    private readonly SemaphoreSlim[] _sbomLocks = Stripes();

    public async Task ScanAsync(ScanTarget target, CancellationToken ct)
    {
        var gate = _scanLocks[Stripe(target)];
        await gate.WaitAsync(ct);
        try
        {
            await ScanLockedAsync(target, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ScanLockedAsync(ScanTarget target, CancellationToken ct)
    {
        var manifest = await manifests.GetAsync(target.RegistryId, target.Repository, target.Manifest.ToString(), ct);
        if (manifest is null)
        {
            return; // deleted meanwhile: its record went with it
        }

        await store.MarkRunningAsync(target, time.GetUtcNow(), ct);
        var previous = await store.GetAsync(target, ct);
        var advisoryVersion = (await advisories.GetChangesSinceAsync(long.MaxValue, ct)).LatestImportId;
        var reports = new List<ScanReport>();
        var sboms = new List<SbomReference>();
        var keys = new HashSet<PackageIndexKey>();
        foreach (var (digest, platformName) in Platforms(manifest))
        {
            var platform = target with { Manifest = digest };
            var platformManifest = digest == target.Manifest ? manifest : await manifests.GetAsync(target.RegistryId, target.Repository, digest.ToString(), ct);
            if (platformManifest is null)
            {
                await FailAsync(target, $"platform manifest {digest} listed by the index is not in the repository", ct);
                return;
            }

            var (image, sbom, failure) = await SbomAsync(platform, platformManifest, platformName, ct);
            if (image is null)
            {
                await FailAsync(target, failure!, ct);
                return;
            }

            reports.Add(await matcher.ReportAsync(image, target.Repository, digest.ToString(), time.GetUtcNow(), ct));
            keys.UnionWith(Reevaluation.KeysOf(image.Components).Select(k => new PackageIndexKey(k.Ecosystem, k.Name)));
            if (sbom is not null)
            {
                sboms.Add(sbom);
            }
        }

        var counts = ReportJson.Count(reports);
        await store.CompleteAsync(new ScanCompletion(target, time.GetUtcNow(), advisoryVersion, sboms, counts, ReportJson.Write(reports), keys), ct);
        states.Invalidate(target);
        await events.CompletedAsync(target, manifest, previous, reports, counts, advisoryVersion, ct);
        LogCompleted(target.ToString(), reports.Count, counts.Total);
    }

    // The stored SBOM when Berth made one before; otherwise inventory, SBOM, referrer.
    private async Task<(ScannedImage? Image, SbomReference? Sbom, string? Failure)> SbomAsync(ScanTarget platform, ManifestRecord manifest, string? platformName, CancellationToken ct)
    {
        var gate = _sbomLocks[Stripe(platform)];
        await gate.WaitAsync(ct);
        try
        {
            if (await referrers.FindAsync(platform, platformName ?? "", ct) is { } stored)
            {
                await using (stored.Content)
                {
                    return (await CycloneDxComponents.ReadAsync(stored.Content, ct), stored.Reference, null);
                }
            }

            var (generated, failure) = await generator.GenerateAsync(platform.Repository, manifest.Content, manifest.MediaType, new BlobStoreLayerSource(blobs), ct);
            if (generated is null)
            {
                return (null, null, $"inventory of {platform.Manifest} failed: {failure}");
            }

            var name = platformName ?? generated.Inventory.Platform.ToString();
            SbomReference? reference = null;
            try
            {
                reference = await referrers.PushAsync(platform, manifest, name, generated.Json, ct);
            }
            catch (OciException e)
            {
                // The report is still good; the next scan makes the SBOM again.
                LogSbomNotStored(platform.ToString(), e.Message);
            }

            return (CycloneDxComponents.Read(generated.Json), reference, null);
        }
        finally
        {
            gate.Release();
        }
    }

    private static IEnumerable<(Digest Digest, string? Platform)> Platforms(ManifestRecord manifest) =>
        MediaTypes.IsIndex(manifest.MediaType)
            ? ImageIndexPlatforms.List(manifest.Content, manifest.MediaType).Select(p => (p.Digest, p.Platform?.ToString()))
            : [(manifest.Digest, null)];

    private async Task FailAsync(ScanTarget target, string reason, CancellationToken ct)
    {
        await store.FailAsync(target, reason, time.GetUtcNow(), ct);
        states.Invalidate(target);
        LogFailed(target.ToString(), reason);
    }

    private static SemaphoreSlim[] Stripes() => Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    private static int Stripe(ScanTarget target) => (int)((uint)target.GetHashCode() % 64);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan of {Target} completed: {Platforms} platform(s), {Findings} finding(s)")]
    private partial void LogCompleted(string target, int platforms, int findings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan of {Target} failed: {Reason}")]
    private partial void LogFailed(string target, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SBOM of {Target} could not be stored as a referrer: {Reason}")]
    private partial void LogSbomNotStored(string target, string reason);
}
