// Not a test: times the inventory of a generated ~100 MiB OCI image (issue 5: cold scan ≤ 1.5 s). The image
// has this machine's dpkg status and os-release, npm/Python metadata, ELF binaries copied from /usr/bin, and
// random file content (incompressible, so the gzip layers stay ~100 MiB). Cold = fresh per-layer cache; warm =
// every layer from the cache. Best and median of several rounds are printed.
// Usage: dotnet run -c Release -- [rounds] [megabytes]
using System.Diagnostics;
using Berth.Core.Oci;
using Berth.Scanning.Inventory;
using Berth.Scanning.Inventory.Analyzers;
using Berth.Scanning.Inventory.Cache;
using Berth.Scanning.Inventory.Layers;
using Berth.Scanning.Sbom;
using Berth.Scanning.Tests.Inventory.TestImages;

var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 7;
var megabytes = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100;

using var layout = new OciLayout();
var (manifest, digest) = BuildImage(layout, megabytes);
var blobBytes = Directory.GetFiles(Path.Combine(layout.Root, "blobs", "sha256")).Sum(f => new FileInfo(f).Length);
Console.WriteLine($"image {digest}: {blobBytes / (1024.0 * 1024.0):F1} MiB of blobs in {layout.Root}");

var cold = new List<double>();
var warm = new List<double>();
var streamOnly = new List<double>();
var components = 0;
for (var round = 0; round < rounds; round++)
{
    var inventory = new ImageInventory(DefaultAnalyzers.Create(), new LruLayerAnalysisCache(), new InventoryOptions());
    var watch = Stopwatch.StartNew();
    var result = await inventory.InventoryAsync(manifest, MediaTypes.OciManifest, layout, CancellationToken.None);
    var json = CycloneDxWriter.Write(result.Inventory!, "bench/app", DateTimeOffset.UtcNow, Guid.NewGuid());
    cold.Add(watch.Elapsed.TotalMilliseconds);
    components = result.Inventory!.Packages.Count;

    watch.Restart();
    var again = await inventory.InventoryAsync(manifest, MediaTypes.OciManifest, layout, CancellationToken.None);
    _ = CycloneDxWriter.Write(again.Inventory!, "bench/app", DateTimeOffset.UtcNow, Guid.NewGuid());
    warm.Add(watch.Elapsed.TotalMilliseconds);
    var bare = new ImageInventory([], new LruLayerAnalysisCache(), new InventoryOptions());
    watch.Restart();
    _ = await bare.InventoryAsync(manifest, MediaTypes.OciManifest, layout, CancellationToken.None);
    streamOnly.Add(watch.Elapsed.TotalMilliseconds);
    if (round == 0)
    {
        Console.WriteLine($"{components} packages, SBOM {json.Length / 1024} KiB, {again.Inventory!.LayersFromCache} layers from cache when warm");
    }
}

Console.WriteLine($"cold (inventory + SBOM, empty cache): best {cold.Min():F0} ms, median {Median(cold):F0} ms over {rounds} rounds (target <= 1500 ms)");
Console.WriteLine($"warm (every layer cached):           best {warm.Min():F0} ms, median {Median(warm):F0} ms");
Console.WriteLine($"stream only (no analyzers, no cache): best {streamOnly.Min():F0} ms, median {Median(streamOnly):F0} ms");

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static (byte[] Manifest, string Digest) BuildImage(OciLayout layout, int megabytes)
{
    var random = new Random(42);
    var baseLayer = new LayerBuilder()
        .File("etc/os-release", File.ReadAllBytes("/etc/os-release"))
        .File("etc/debian_version", File.ReadAllBytes("/etc/debian_version"))
        .File("var/lib/dpkg/status", File.ReadAllBytes("/var/lib/dpkg/status"));
    var binaries = new LayerBuilder();
    foreach (var path in Directory.GetFiles("/usr/bin").Where(p => new FileInfo(p) is { Length: > 64 * 1024 and < 4 * 1024 * 1024, LinkTarget: null }).Order().Take(40))
    {
        binaries.File("usr/bin/" + Path.GetFileName(path), File.ReadAllBytes(path), executable: true);
    }

    var language = new LayerBuilder();
    foreach (var dir in Directory.GetDirectories("/usr/lib/python3/dist-packages", "*.dist-info").Order())
    {
        var metadata = Path.Combine(dir, "METADATA");
        if (File.Exists(metadata))
        {
            language.File("usr/lib/python3/dist-packages/" + Path.GetFileName(dir) + "/METADATA", File.ReadAllBytes(metadata));
        }
    }

    foreach (var package in Directory.GetFiles("/usr/lib/node_modules/npm/node_modules", "package.json", SearchOption.AllDirectories).Order())
    {
        language.File("usr/lib/" + Path.GetRelativePath("/usr/lib", package), File.ReadAllBytes(package));
    }

    // Random content: four layers of 256 KiB files make up the rest of the image.
    var layers = new List<LayerBuilder> { baseLayer, binaries, language };
    var used = layers.Sum(l => (long)LayerBuilder.Compress(l.BuildTar(), LayerCompression.Gzip).Length);
    var fileCount = (int)Math.Max(0, ((megabytes * 1024L * 1024) - used + (256 * 1024) - 1) / (256 * 1024));
    for (var layer = 0; layer < 4; layer++)
    {
        var builder = new LayerBuilder();
        for (var i = layer; i < fileCount; i += 4)
        {
            var content = new byte[256 * 1024];
            random.NextBytes(content);
            builder.File($"srv/data/{layer}/blob-{i:D5}.bin", content);
        }

        layers.Add(builder);
    }

    return layout.AddImage(layers, LayerCompression.Gzip);
}
