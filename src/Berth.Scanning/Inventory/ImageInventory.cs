using System.Collections.Concurrent;
using System.Text.Json;
using Berth.Core.Errors;
using Berth.Core.Oci;
using Berth.Scanning.Inventory.Analyzers;
using Berth.Scanning.Inventory.Cache;
using Berth.Scanning.Inventory.Layers;

namespace Berth.Scanning.Inventory;

/// <summary>
/// The inventory entry point: one platform image manifest in, the packages its final filesystem holds
/// out. Layers are streamed once each (and only when the per-layer cache misses); the caller passes
/// each child of an index separately (see <see cref="ImageIndexPlatforms"/>). Thread-safe.
/// </summary>
public sealed class ImageInventory
{
    private readonly IReadOnlyList<IPackageAnalyzer> _analyzers;
    private readonly ILayerAnalysisCache _cache;
    private readonly InventoryOptions _options;
    private readonly LayerReader _reader;
    private readonly string _fingerprint;
    private readonly ConcurrentDictionary<string, Lazy<Task<(LayerAnalysis?, string?)>>> _inFlight = new(StringComparer.Ordinal);

    public ImageInventory(IEnumerable<IPackageAnalyzer> analyzers, ILayerAnalysisCache cache, InventoryOptions options)
    {
        _analyzers = [.. analyzers];
        _cache = cache;
        _options = options;
        _reader = new LayerReader(_analyzers, options);
        _fingerprint = string.Join(',', _analyzers.Select(a => a.Id)) + $";max={options.MaxFileBytes}";
    }

    /// <summary>An inventory with every built-in analyzer and an in-memory cache.</summary>
    public static ImageInventory CreateDefault(InventoryOptions? options = null) =>
        new(DefaultAnalyzers.Create(), new LruLayerAnalysisCache(), options ?? new InventoryOptions());

    /// <summary>
    /// Inventories one image manifest (OCI or Docker schema 2). Expected failures — an index passed in,
    /// an invalid manifest, a missing or unreadable blob — come back as <see cref="InventoryResult.Failure"/>.
    /// </summary>
    public async Task<InventoryResult> InventoryAsync(
        ReadOnlyMemory<byte> manifest, string? mediaType, ILayerSource blobs, CancellationToken ct)
    {
        ParsedManifest parsed;
        try
        {
            parsed = ManifestParser.Parse(manifest.Span, mediaType);
        }
        catch (OciException e)
        {
            return InventoryResult.Fail($"manifest is not usable: {e.Message}");
        }

        if (parsed.IsIndex || parsed.Config is null)
        {
            return InventoryResult.Fail("an index has no layers of its own: inventory each platform manifest it lists");
        }

        var platform = await ReadPlatformAsync(parsed.Config, blobs, ct);
        if (platform is null)
        {
            return InventoryResult.Fail($"config blob {parsed.Config.Digest} is missing or not an image config");
        }

        var wanted = parsed.Layers.Where(l => !l.IsForeign).ToList();
        var analyses = new LayerAnalysis?[wanted.Count];
        var failures = new string?[wanted.Count];
        var fromCache = 0;
        // Layers are independent until the merge, so they are read side by side (bounded).
        await Parallel.ForEachAsync(Enumerable.Range(0, wanted.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelLayers, CancellationToken = ct },
            async (i, token) =>
            {
                var layer = wanted[i];
                var key = layer.Digest + "|" + _fingerprint;
                if (_cache.TryGet(key, out var cached))
                {
                    Interlocked.Increment(ref fromCache);
                    analyses[i] = cached;
                    return;
                }

                // Concurrent scans of images sharing a layer read it once; the read itself is not cancelled by
                // one waiter (it is bounded work and others may still need it).
                var read = _inFlight.GetOrAdd(key, k => new Lazy<Task<(LayerAnalysis?, string?)>>(() => ReadAndCacheAsync(layer, blobs, k)));
                try
                {
                    (analyses[i], failures[i]) = await read.Value.WaitAsync(token);
                }
                finally
                {
                    _inFlight.TryRemove(KeyValuePair.Create(key, read));
                }
            });

        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            return InventoryResult.Fail(failure);
        }

        var layers = wanted.Select((layer, i) => (layer.Digest.ToString(), analyses[i]!));
        var inventory = Assemble(Digest.Compute(manifest.Span), platform, LayerMerger.Merge(layers));
        return InventoryResult.Ok(inventory with { LayersFromCache = fromCache });
    }

    private async Task<(LayerAnalysis?, string?)> ReadAndCacheAsync(Descriptor layer, ILayerSource blobs, string key)
    {
        // A read that finished between this scan's cache lookup and its GetOrAdd has already filled the cache.
        if (_cache.TryGet(key, out var cached))
        {
            return (cached, null);
        }

        var (analysis, failure) = await ReadLayerAsync(layer, blobs, CancellationToken.None);
        if (analysis is not null)
        {
            _cache.Set(key, analysis);
        }

        return (analysis, failure);
    }

    private async Task<(LayerAnalysis?, string?)> ReadLayerAsync(Descriptor layer, ILayerSource blobs, CancellationToken ct)
    {
        var blob = await blobs.OpenAsync(layer.Digest, ct);
        if (blob is null)
        {
            return (null, $"layer {layer.Digest} is missing from storage");
        }

        try
        {
            var (tar, _) = await LayerStreams.OpenTarAsync(blob, layer.MediaType, ct);
            await using (tar)
            {
                return (await _reader.ReadAsync(tar, ct), null);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException
            or ZstdSharp.ZstdException)
        {
            return (null, $"layer {layer.Digest} is not a readable tar archive: {e.Message}");
        }
    }

    private async Task<ImagePlatform?> ReadPlatformAsync(Descriptor config, ILayerSource blobs, CancellationToken ct)
    {
        if (config.Size > _options.MaxConfigBytes)
        {
            return null;
        }

        var stream = await blobs.OpenAsync(config.Digest, ct);
        if (stream is null)
        {
            return null;
        }

        await using (stream)
        {
            var buffer = new byte[config.Size];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            try
            {
                using var doc = JsonDocument.Parse(buffer.AsMemory(0, read));
                var root = doc.RootElement;
                return new ImagePlatform(Text(root, "os") ?? "unknown", Text(root, "architecture") ?? "unknown",
                    Text(root, "variant"));
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    private static PlatformInventory Assemble(
        Digest manifestDigest, ImagePlatform platform, IReadOnlyDictionary<string, (FileFindings Findings, string Layer)> visible)
    {
        var packages = new List<InventoriedPackage>();
        var skipped = new List<SkippedFile>();
        foreach (var (path, (findings, layer)) in visible.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            packages.AddRange(findings.Packages.Select(p => new InventoriedPackage(p, layer, path)));
            if (findings.SkipReason is not null)
            {
                skipped.Add(new SkippedFile(layer, path, findings.SkipReason));
            }
        }

        var (os, osLayer) = OsReleaseResolver.Resolve(visible);
        return new PlatformInventory(manifestDigest, platform, os, osLayer, packages, skipped);
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString() : null;
}
