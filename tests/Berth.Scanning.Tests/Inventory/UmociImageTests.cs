using System.Text.Json;
using Berth.Core.Oci;
using Berth.Scanning.Inventory;
using Berth.Scanning.Inventory.Analyzers;
using Berth.Scanning.Tests.Inventory.TestImages;

namespace Berth.Scanning.Tests.Inventory;

/// <summary>An image whose layers and whiteout are written by a real tool (umoci), not by the tests' tar writer.</summary>
public sealed class UmociImageTests
{
    [Fact]
    public async Task Package_removed_in_a_later_umoci_layer_is_gone_and_the_rest_keep_their_layer()
    {
        var work = Tools.TempDirectory("berth-umoci-");
        using var layout = new OciLayout(Path.Combine(work, "image"));
        var image = $"{layout.Root}:app";
        Tools.Run("umoci", ["init", "--layout", layout.Root]);
        Tools.Run("umoci", ["new", "--image", image]);

        var first = Path.Combine(work, "b1");
        Tools.Run("umoci", ["unpack", "--rootless", "--image", image, first]);
        var site = Path.Combine(first, "rootfs", "usr", "lib", "python3", "dist-packages");
        Directory.CreateDirectory(Path.Combine(site, "PyYAML-6.0.dist-info"));
        Directory.CreateDirectory(Path.Combine(site, "PyJWT-2.6.0.egg-info"));
        File.Copy(Analyze.TestData("inventory", "python", "PyYAML-METADATA"), Path.Combine(site, "PyYAML-6.0.dist-info", "METADATA"));
        File.Copy(Analyze.TestData("inventory", "python", "PyJWT-PKG-INFO"), Path.Combine(site, "PyJWT-2.6.0.egg-info", "PKG-INFO"));
        Directory.CreateDirectory(Path.Combine(first, "rootfs", "var", "lib", "dpkg"));
        File.Copy("/var/lib/dpkg/status", Path.Combine(first, "rootfs", "var", "lib", "dpkg", "status"));
        Directory.CreateDirectory(Path.Combine(first, "rootfs", "etc"));
        File.Copy("/etc/os-release", Path.Combine(first, "rootfs", "etc", "os-release"));
        Tools.Run("umoci", ["repack", "--image", image, first]);

        var second = Path.Combine(work, "b2");
        Tools.Run("umoci", ["unpack", "--rootless", "--image", image, second]);
        Directory.Delete(Path.Combine(second, "rootfs", "usr", "lib", "python3", "dist-packages", "PyYAML-6.0.dist-info"), recursive: true);
        Tools.Run("umoci", ["repack", "--image", image, second]);

        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(layout.Root, "index.json")));
        var manifestDigest = Digest.Parse(index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!);
        var manifest = layout.ReadBlob(manifestDigest);
        using var parsed = JsonDocument.Parse(manifest);
        var layers = parsed.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()).ToList();

        var result = await ImageInventory.CreateDefault().InventoryAsync(manifest, MediaTypes.OciManifest, layout, CancellationToken.None);

        Assert.True(result.Succeeded, result.Failure);
        var packages = result.Inventory!.Packages;
        Assert.Equal(2, layers.Count);
        Assert.DoesNotContain(packages, p => p.Package.Name == "PyYAML");
        Assert.Contains(packages, p => p.Package is { Kind: PackageKind.PyPI, Name: "PyJWT" } && p.Layer == layers[0]);
        Assert.Contains(packages, p => p.Package.Name == "libc6" && p.Layer == layers[0]);
        Assert.Equal("debian", result.Inventory.OsRelease?.Id);
        Directory.Delete(work, recursive: true);
    }
}
