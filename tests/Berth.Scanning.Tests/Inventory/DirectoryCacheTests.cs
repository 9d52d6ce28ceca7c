using Berth.Core.Oci;
using Berth.Scanning.Inventory;
using Berth.Scanning.Inventory.Analyzers;
using Berth.Scanning.Inventory.Cache;
using Berth.Scanning.Inventory.Layers;
using Berth.Scanning.Tests.Inventory.TestImages;

namespace Berth.Scanning.Tests.Inventory;

public sealed class DirectoryCacheTests : IDisposable
{
    private readonly OciLayout _layout = new();
    private readonly string _cacheDirectory = Tools.TempDirectory("berth-layer-cache-");

    public void Dispose()
    {
        _layout.Dispose();
        Directory.Delete(_cacheDirectory, recursive: true);
    }

    [Fact]
    public async Task A_restarted_process_takes_layers_from_the_directory_with_identical_results()
    {
        var (manifest, _) = _layout.AddImage(
            [TestImage.DebianBase(), TestImage.Languages(), new LayerBuilder().Whiteout("srv/app").Opaque("opt/lib").Symlink("usr/bin/x", "y")],
            LayerCompression.Gzip);
        var first = await Scan(manifest);
        var opens = _layout.Opens;

        var second = await Scan(manifest); // new process: empty memory cache, same directory

        Assert.Equal(0, first.LayersFromCache);
        Assert.Equal(3, second.LayersFromCache);
        Assert.Equal(opens + 1, _layout.Opens);
        Assert.Equal(first.Packages, second.Packages);
        Assert.Equal(first.OsRelease, second.OsRelease);
        Assert.Equal(3, Directory.GetFiles(_cacheDirectory, "*.json").Length);
    }

    [Fact]
    public async Task An_unreadable_cache_file_is_a_miss_and_is_replaced()
    {
        var (manifest, _) = _layout.AddImage([TestImage.AlpineBase()], LayerCompression.Zstd);
        var first = await Scan(manifest);
        var file = Assert.Single(Directory.GetFiles(_cacheDirectory, "*.json"));
        File.WriteAllText(file, "{\"format\":\"something else\"}");

        var second = await Scan(manifest);

        Assert.Equal(0, second.LayersFromCache);
        Assert.Equal(first.Packages, second.Packages);
        Assert.Contains("berth.layer-analysis/v1", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public void Prune_keeps_the_most_recently_used_files()
    {
        var cache = new DirectoryLayerAnalysisCache(_cacheDirectory, new LruLayerAnalysisCache(), maxFiles: 2);
        var empty = new LayerAnalysis(new Dictionary<string, FileFindings>(), [], []);
        var known = new HashSet<string>();
        var time = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var key in new[] { "a", "b", "c" })
        {
            cache.Set(key, empty);
            var written = Directory.GetFiles(_cacheDirectory, "*.json").Single(f => known.Add(f));
            File.SetLastWriteTimeUtc(written, time = time.AddMinutes(1)); // "used" in the order a, b, c
        }

        cache.Prune();
        var fresh = new DirectoryLayerAnalysisCache(_cacheDirectory, new LruLayerAnalysisCache(), maxFiles: 2);

        Assert.False(fresh.TryGet("a", out _));
        Assert.True(fresh.TryGet("b", out _));
        Assert.True(fresh.TryGet("c", out _));
    }

    private async Task<PlatformInventory> Scan(byte[] manifest)
    {
        var cache = new DirectoryLayerAnalysisCache(_cacheDirectory, new LruLayerAnalysisCache());
        var inventory = new ImageInventory(DefaultAnalyzers.Create(), cache, new InventoryOptions());
        var result = await inventory.InventoryAsync(manifest, MediaTypes.OciManifest, _layout, CancellationToken.None);
        Assert.True(result.Succeeded, result.Failure);
        return result.Inventory!;
    }
}
