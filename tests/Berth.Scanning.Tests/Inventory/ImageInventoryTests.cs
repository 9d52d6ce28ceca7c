using Berth.Core.Oci;
using Berth.Scanning.Inventory;
using Berth.Scanning.Inventory.Analyzers;
using Berth.Scanning.Inventory.Cache;
using Berth.Scanning.Inventory.Layers;
using Berth.Scanning.Tests.Inventory.TestImages;

namespace Berth.Scanning.Tests.Inventory;

public sealed class ImageInventoryTests : IDisposable
{
    private readonly OciLayout _layout = new();
    private readonly ImageInventory _inventory = ImageInventory.CreateDefault();

    public void Dispose() => _layout.Dispose();

    [Fact]
    public async Task Debian_image_with_this_machines_dpkg_status_lists_every_installed_package_with_its_layer()
    {
        var (manifest, _) = _layout.AddImage([TestImage.DebianBase()], LayerCompression.Gzip);

        var inventory = await Inventory(manifest);

        var installed = Tools.Run("dpkg-query", ["-W", "-f=${db:Status-Status} ${Package}\n"]).Split('\n')
            .Count(l => l.StartsWith("installed ", StringComparison.Ordinal));
        Assert.Equal(installed, inventory.Packages.Count(p => p.Package.Kind == PackageKind.Deb));
        Assert.Equal("debian", inventory.OsRelease?.Id);
        Assert.Equal(new ImagePlatform("linux", "amd64"), inventory.Platform);
        var layer = Layers(manifest)[0];
        Assert.All(inventory.Packages, p => Assert.Equal((layer, "var/lib/dpkg/status"), (p.Layer, p.Path)));
    }

    [Fact]
    public async Task Whiteout_in_an_upper_layer_removes_the_package_and_a_rewritten_database_moves_its_layer()
    {
        var status = File.ReadAllText("/var/lib/dpkg/status");
        var withoutLibc = status.Replace(DpkgStatusAnalyzerTests.Paragraph(status, "libc6"), string.Empty, StringComparison.Ordinal);
        var (manifest, _) = _layout.AddImage(
            [
                (TestImage.DebianBase(), LayerCompression.Gzip),
                (TestImage.Languages(), LayerCompression.Zstd),
                (new LayerBuilder().Whiteout("usr/lib/python3/dist-packages/PyYAML-6.0.dist-info").File("var/lib/dpkg/status", withoutLibc), LayerCompression.None),
            ]);

        var inventory = await Inventory(manifest);

        var layers = Layers(manifest);
        Assert.DoesNotContain(inventory.Packages, p => p.Package.Name is "PyYAML" or "libc6");
        Assert.Contains(inventory.Packages, p => p.Package.Name == "PyJWT" && p.Layer == layers[1]);
        Assert.Contains(inventory.Packages, p => p.Package.Name == "debug" && p.Layer == layers[1] && p.Path == "srv/app/package-lock.json");
        Assert.All(inventory.Packages.Where(p => p.Package.Kind == PackageKind.Deb), p => Assert.Equal(layers[2], p.Layer));
    }

    [Fact]
    public async Task Opaque_directory_hides_everything_lower_layers_put_below_it()
    {
        var semver = File.ReadAllBytes(Analyze.TestData("inventory", "npm", "semver-package.json"));
        var (manifest, _) = _layout.AddImage(
            [
                new LayerBuilder().Directory("app/node_modules").File("app/node_modules/semver/package.json", semver)
                    .File("app/node_modules/ms/package.json", """{"name":"ms","version":"2.1.2"}"""),
                new LayerBuilder().Directory("app/node_modules").Opaque("app/node_modules")
                    .File("app/node_modules/ms/package.json", """{"name":"ms","version":"2.1.3"}"""),
            ],
            LayerCompression.Gzip);

        var inventory = await Inventory(manifest);

        var only = Assert.Single(inventory.Packages);
        Assert.Equal(("ms", "2.1.3", Layers(manifest)[1]), (only.Package.Name, only.Package.Version, only.Layer));
    }

    [Fact]
    public async Task A_binary_or_directory_replaced_by_a_symlink_in_an_upper_layer_takes_its_packages_along()
    {
        var (manifest, _) = _layout.AddImage(
            [
                new LayerBuilder().File("usr/local/bin/berthdemo", GoFixture.Binary(), executable: true)
                    .File("app/node_modules/ms/package.json", """{"name":"ms","version":"2.1.2"}""")
                    .File("app/node_modules/debug/package.json", """{"name":"debug","version":"4.3.4"}"""),
                new LayerBuilder().Symlink("usr/local/bin/berthdemo", "/opt/other/bin/tool").Symlink("app/node_modules/ms", "../../srv/ms"),
            ],
            LayerCompression.Gzip);

        var inventory = await Inventory(manifest);

        Assert.Equal(["debug"], inventory.Packages.Select(p => p.Package.Name));
    }

    [Fact]
    public async Task Second_scan_takes_every_layer_from_the_cache_without_opening_it()
    {
        var cache = new LruLayerAnalysisCache();
        var inventory = new ImageInventory(DefaultAnalyzers.Create(), cache, new InventoryOptions());
        var (manifest, _) = _layout.AddImage([TestImage.DebianBase(), TestImage.Languages()], LayerCompression.Zstd);

        var cold = await inventory.InventoryAsync(manifest, MediaTypes.OciManifest, _layout, CancellationToken.None);
        var opensAfterCold = _layout.Opens;
        var warm = await inventory.InventoryAsync(manifest, MediaTypes.OciManifest, _layout, CancellationToken.None);

        Assert.Equal(0, cold.Inventory!.LayersFromCache);
        Assert.Equal(2, warm.Inventory!.LayersFromCache);
        Assert.Equal(opensAfterCold + 1, _layout.Opens); // only the config blob is read again
        Assert.Equal(2, cache.Count);
        Assert.Equal(cold.Inventory.Packages, warm.Inventory.Packages);
    }

    [Fact]
    public async Task Concurrent_scans_of_images_sharing_layers_read_each_layer_once()
    {
        var inventory = new ImageInventory(DefaultAnalyzers.Create(), new LruLayerAnalysisCache(), new InventoryOptions());
        var (manifest, _) = _layout.AddImage([TestImage.DebianBase(), TestImage.Languages()], LayerCompression.Gzip);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => inventory.InventoryAsync(manifest, MediaTypes.OciManifest, _layout, CancellationToken.None))));

        Assert.All(results, r => Assert.Equal(results[0].Inventory!.Packages, r.Inventory!.Packages));
        Assert.Equal(2 + 4, _layout.Opens); // each layer once, the config once per scan
    }

    [Fact]
    public async Task Binaries_rpm_database_and_size_cap_in_one_image()
    {
        var inventory = new ImageInventory(DefaultAnalyzers.Create(), new LruLayerAnalysisCache(), new InventoryOptions { MaxFileBytes = 8 * 1024 * 1024 });
        var (manifest, _) = _layout.AddImage(
            [
                new LayerBuilder().File("etc/os-release", "ID=\"almalinux\"\nVERSION_ID=\"9.3\"\n")
                    .File("var/lib/rpm/rpmdb.sqlite", RpmFixture.BuildDatabase())
                    .File("usr/local/bin/berthdemo", GoFixture.Binary(), executable: true)
                    .File("usr/local/bin/start.sh", "#!/bin/sh\nexec berthdemo\n"u8.ToArray(), executable: true)
                    .File("usr/local/bin/huge.jar", new byte[9 * 1024 * 1024]),
            ],
            LayerCompression.Gzip);

        var result = (await inventory.InventoryAsync(manifest, null, _layout, CancellationToken.None)).Inventory!;

        Assert.Contains(result.Packages, p => p.Package is { Kind: PackageKind.Rpm, Name: "berth-tools", Version: "2:1.2.3-4.el9" });
        Assert.Contains(result.Packages, p => p.Package is { Kind: PackageKind.Go, Name: "example.com/greeting" } && p.Path == "usr/local/bin/berthdemo");
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("usr/local/bin/huge.jar", skipped.Path);
        Assert.Contains("over the 8388608-byte cap", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multi_arch_index_gives_one_inventory_per_platform_and_skips_attestations()
    {
        var amd64 = _layout.AddImage([TestImage.DebianBase()], LayerCompression.Gzip, "linux", "amd64");
        var arm64 = _layout.AddImage([TestImage.AlpineBase()], LayerCompression.Zstd, "linux", "arm64", "v8");
        var index = _layout.AddIndex(
            [(amd64.Manifest, amd64.Digest, "linux", "amd64", null), (arm64.Manifest, arm64.Digest, "linux", "arm64", "v8")],
            withAttestation: true);

        var platforms = ImageIndexPlatforms.List(index, MediaTypes.OciIndex);
        var results = new List<PlatformInventory>();
        foreach (var child in platforms)
        {
            results.Add((await _inventory.InventoryAsync(_layout.ReadBlob(child.Digest), child.MediaType, _layout, CancellationToken.None)).Inventory!);
        }

        Assert.Equal(["linux/amd64", "linux/arm64/v8"], platforms.Select(p => p.Platform!.ToString()));
        Assert.Equal(["linux/amd64", "linux/arm64/v8"], results.Select(r => r.Platform.ToString()));
        Assert.Equal([amd64.Digest, arm64.Digest], results.Select(r => r.ManifestDigest.ToString()));
        Assert.Equal("alpine", results[1].OsRelease?.Id);
        Assert.Equal(["libcrypto3", "musl"], results[1].Packages.Select(p => p.Package.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Expected_failures_come_back_as_results()
    {
        var (manifest, _) = _layout.AddImage([TestImage.AlpineBase()], LayerCompression.Gzip);
        File.Delete(Path.Combine(_layout.Root, "blobs", "sha256", Layers(manifest)[0][7..]));
        var index = _layout.AddIndex([]);
        var corrupt = _layout.AddBlob([0x1f, 0x8b, .. "not really gzip at all"u8], LayerBuilder.MediaType(LayerCompression.Gzip));
        var config = System.Text.Json.Nodes.JsonNode.Parse(manifest)!["config"]!.ToJsonString();
        var badManifest = System.Text.Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","config":{{config}},"layers":[{{corrupt.ToJsonString()}}]}""");

        var missing = await _inventory.InventoryAsync(manifest, MediaTypes.OciManifest, _layout, CancellationToken.None);
        var wrongKind = await _inventory.InventoryAsync(index, MediaTypes.OciIndex, _layout, CancellationToken.None);
        var unreadable = await _inventory.InventoryAsync(badManifest, MediaTypes.OciManifest, _layout, CancellationToken.None);
        var invalid = await _inventory.InventoryAsync("{}"u8.ToArray(), MediaTypes.OciManifest, _layout, CancellationToken.None);

        Assert.Contains("is missing from storage", missing.Failure, StringComparison.Ordinal);
        Assert.Contains("inventory each platform manifest", wrongKind.Failure, StringComparison.Ordinal);
        Assert.Contains("is not a readable tar archive", unreadable.Failure, StringComparison.Ordinal);
        Assert.Contains("manifest is not usable", invalid.Failure, StringComparison.Ordinal);
    }

    private async Task<PlatformInventory> Inventory(byte[] manifest)
    {
        var result = await _inventory.InventoryAsync(manifest, MediaTypes.OciManifest, _layout, CancellationToken.None);
        Assert.True(result.Succeeded, result.Failure);
        return result.Inventory!;
    }

    private static List<string> Layers(byte[] manifest) =>
        [.. System.Text.Json.Nodes.JsonNode.Parse(manifest)!["layers"]!.AsArray().Select(l => l!["digest"]!.GetValue<string>())];
}
