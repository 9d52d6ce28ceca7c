using System.Text.Json;
using Berth.Core.Oci;
using Berth.Scanning.Inventory;
using Berth.Scanning.Inventory.Layers;
using Berth.Scanning.Sbom;
using Berth.Scanning.Tests.Inventory;
using Berth.Scanning.Tests.Inventory.TestImages;

namespace Berth.Scanning.Tests.Sbom;

public sealed class CycloneDxTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 4, 0, 0, TimeSpan.Zero);
    private readonly OciLayout _layout = new();

    public void Dispose() => _layout.Dispose();

    [Fact]
    public async Task Debian_image_sbom_is_valid_cyclonedx_1_6_with_the_contracted_fields()
    {
        var (inventory, json) = await Sbom([TestImage.DebianBase(), TestImage.Languages()]);

        Assert.Empty(SchemaValidator.Errors(json));
        Assert.True(CycloneDxReader.TryRead(json, out var document, out var error), error);
        var versionId = inventory.OsRelease!.VersionId!;
        var major = versionId.Split('.')[0];
        var libc = document.Components.Single(c => c.Name == "libc6");
        var expectedVersion = Tools.Run("dpkg-query", ["-W", "-f=${Version}", "libc6"]);
        Assert.Equal(expectedVersion, libc.Version);
        Assert.Equal($"pkg:deb/debian/libc6@{expectedVersion.Replace("+", "%2B", StringComparison.Ordinal)}?arch=amd64&distro=debian-{versionId}", libc.Purl);
        Assert.Equal($"Debian:{major}", libc.Ecosystem);
        Assert.Equal(("glibc", "var/lib/dpkg/status"), (libc.SourceName, libc.Path));
        Assert.Equal(inventory.Packages.First(p => p.Package.Name == "libc6").Layer, libc.Layer);
        Assert.Equal(("debian", versionId, $"Debian:{major}"), (document.OperatingSystem?.Name, document.OperatingSystem?.Version, document.OperatingSystem?.Ecosystem));
        Assert.Equal(("library/app", inventory.ManifestDigest.ToString(), "linux/amd64"), (document.ImageName, document.ManifestDigest, document.Platform));
        Assert.Equal(Now, document.Timestamp);
    }

    [Fact]
    public async Task Language_packages_get_osv_ecosystems_and_purls()
    {
        var (_, json) = await Sbom([TestImage.Languages()]);
        Assert.Empty(SchemaValidator.Errors(json));
        CycloneDxReader.TryRead(json, out var document, out _);

        var byPurl = document!.Components.ToDictionary(c => c.Purl!);
        Assert.Equal("PyPI", byPurl["pkg:pypi/pyyaml@6.0"].Ecosystem);
        Assert.Equal("pyyaml", byPurl["pkg:pypi/pyyaml@6.0"].Property(SbomProperties.Package));
        Assert.Equal("npm", byPurl["pkg:npm/%40types/ms@0.7.34"].Ecosystem);
        Assert.Equal("NuGet", byPurl["pkg:nuget/YamlDotNet@18.1.0"].Ecosystem);
        Assert.Equal(("org.slf4j", "Maven", "org.slf4j:slf4j-nop"),
            (byPurl["pkg:maven/org.slf4j/slf4j-nop@1.7.32"].Group, byPurl["pkg:maven/org.slf4j/slf4j-nop@1.7.32"].Ecosystem,
                byPurl["pkg:maven/org.slf4j/slf4j-nop@1.7.32"].Property(SbomProperties.Package)));
        Assert.Null(document.OperatingSystem);
    }

    [Fact]
    public async Task Rpm_alpine_go_and_rust_purls_follow_the_contract()
    {
        var rpm = await Components([new LayerBuilder().File("etc/os-release", "ID=\"almalinux\"\nVERSION_ID=\"9.3\"\n")
            .File("var/lib/rpm/rpmdb.sqlite", RpmFixture.BuildDatabase())]);
        var alpine = await Components([TestImage.AlpineBase()]);
        var binaries = await Components([new LayerBuilder()
            .File("usr/bin/berthdemo", GoFixture.Binary(), executable: true)
            .File("usr/bin/berth-demo", RustAuditAnalyzerTests.WithAuditSection(RustAuditAnalyzerTests.AuditJson), executable: true)]);

        var tools = rpm.Single(c => c.Name == "berth-tools");
        Assert.Equal("pkg:rpm/almalinux/berth-tools@1.2.3-4.el9?arch=noarch&distro=almalinux-9.3&epoch=2", tools.Purl);
        Assert.Equal(("2:1.2.3-4.el9", "AlmaLinux:9"), (tools.Version, tools.Ecosystem));
        var openssl = alpine.Single(c => c.Name == "libcrypto3");
        Assert.Equal("pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19", openssl.Purl);
        Assert.Equal(("Alpine:v3.19", "openssl"), (openssl.Ecosystem, openssl.SourceName));
        Assert.Contains(binaries, c => c.Purl == "pkg:golang/example.com/greeting@v1.4.2" && c.Ecosystem == "Go");
        Assert.Contains(binaries, c => c.Purl == $"pkg:golang/stdlib@{GoFixture.GoVersion()}");
        Assert.Contains(binaries, c => c.Purl == "pkg:cargo/serde@1.0.193" && c.Ecosystem == "crates.io");
    }

    [Fact]
    public async Task Same_image_gives_the_same_document_apart_from_serial_number()
    {
        var (inventory, first) = await Sbom([TestImage.DebianBase(), TestImage.Languages()]);
        var second = CycloneDxWriter.Write(inventory, "library/app", Now, Guid.Empty);

        using var a = JsonDocument.Parse(first);
        using var b = JsonDocument.Parse(second);
        Assert.Equal(a.RootElement.GetProperty("components").GetRawText(), b.RootElement.GetProperty("components").GetRawText());
        var refs = a.RootElement.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("bom-ref").GetString()).ToList();
        Assert.Equal(refs.Count, refs.Distinct().Count());
    }

    [Fact]
    public async Task Schema_check_catches_a_broken_document()
    {
        var (_, json) = await Sbom([TestImage.AlpineBase()]);
        var broken = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(json)
            .Replace("\"type\":\"library\"", "\"type\":\"not-a-type\"", StringComparison.Ordinal)
            .Replace("\"serialNumber\":\"urn:uuid:", "\"serialNumber\":\"uuid:", StringComparison.Ordinal));

        var errors = SchemaValidator.Errors(broken);

        Assert.Contains(errors, e => e.Contains("/components/1/type", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("/serialNumber", StringComparison.Ordinal));
    }

    [Fact]
    public void Reader_rejects_documents_that_are_not_cyclonedx()
    {
        Assert.False(CycloneDxReader.TryRead("{\"spdxVersion\":\"SPDX-2.3\"}"u8, out _, out var notBom));
        Assert.False(CycloneDxReader.TryRead("{oops"u8, out _, out var notJson));

        Assert.Contains("not a CycloneDX BOM", notBom, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", notJson, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<SbomComponent>> Components(LayerBuilder[] layers)
    {
        var (_, json) = await Sbom(layers);
        Assert.Empty(SchemaValidator.Errors(json));
        Assert.True(CycloneDxReader.TryRead(json, out var document, out _));
        return document.Components;
    }

    private async Task<(PlatformInventory, byte[])> Sbom(LayerBuilder[] layers)
    {
        var (manifest, _) = _layout.AddImage(layers, LayerCompression.Gzip);
        var generator = new ImageSbomGenerator(ImageInventory.CreateDefault(), new FixedTime(Now));
        var (sbom, failure) = await generator.GenerateAsync("library/app", manifest, MediaTypes.OciManifest, _layout, CancellationToken.None);
        Assert.True(sbom is not null, failure);
        return (sbom.Inventory, sbom.Json);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
