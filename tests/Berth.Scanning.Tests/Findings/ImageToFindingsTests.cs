using System.Text.Json.Nodes;
using Berth.Core.Oci;
using Berth.Scanning.Findings.Components;
using Berth.Scanning.Inventory;
using Berth.Scanning.Inventory.Layers;
using Berth.Scanning.Sbom;
using Berth.Scanning.Tests.Inventory;
using Berth.Scanning.Tests.Inventory.TestImages;

namespace Berth.Scanning.Tests.Findings;

/// <summary>
/// The whole chain on real inputs: image layers holding package databases written by the real tools (rpm) or in
/// the real format (dpkg status.d) → inventory → CycloneDX SBOM → matcher against the real advisories in TestData.
/// </summary>
public sealed class ImageToFindingsTests(MatchingFixture fixture) : IClassFixture<MatchingFixture>, IDisposable
{
    private readonly OciLayout _layout = new();

    public void Dispose() => _layout.Dispose();

    [Fact]
    public async Task An_AlmaLinux_image_with_an_rpmdb_built_by_rpm_gets_the_ALSA_finding_and_the_layer_that_brought_it()
    {
        var rpmdb = RpmFixture.BuildDatabase(("perl-FCGI", "1", "0.79", "8.el9"), ("berth-plain", null, "0.9", "1.el9"));
        var os = new LayerBuilder().File("etc/os-release", "NAME=\"AlmaLinux\"\nID=\"almalinux\"\nVERSION_ID=\"9.5\"\n");
        var packages = new LayerBuilder().File("var/lib/rpm/rpmdb.sqlite", rpmdb);
        var (manifest, _) = _layout.AddImage([os, packages], LayerCompression.Gzip);

        var findings = await MatchAsync(manifest);

        var finding = Assert.Single(findings);
        Assert.Equal("CVE-2025-40907", finding.Id);
        Assert.Contains("ALSA-2025:8635", finding.Ids);
        Assert.Equal("perl-FCGI", finding.Package);
        Assert.Equal("1:0.79-8.1.el9_6", finding.FixedVersion);
        Assert.Equal(LayerDigest(manifest, 1), finding.Layer);
        Assert.Equal("var/lib/rpm/rpmdb.sqlite", finding.Path);
    }

    [Fact]
    public async Task A_Debian_package_matches_on_its_source_and_a_whiteout_that_removes_it_removes_the_finding()
    {
        var os = new LayerBuilder().File("etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 11 (bullseye)\"\nID=debian\nVERSION_ID=\"11\"\n");
        var xorg = new LayerBuilder().File("var/lib/dpkg/status.d/xserver-xorg-core", """
            Package: xserver-xorg-core
            Status: install ok installed
            Architecture: amd64
            Source: xorg-server
            Version: 2:1.20.11-1+deb11u5

            """);
        var (vulnerable, _) = _layout.AddImage([os, xorg], LayerCompression.Gzip);
        var removed = new LayerBuilder().Whiteout("var/lib/dpkg/status.d/xserver-xorg-core");
        var (cleaned, _) = _layout.AddImage([os, xorg, removed], LayerCompression.Zstd);

        var findings = await MatchAsync(vulnerable);
        var afterWhiteout = await MatchAsync(cleaned);

        var finding = Assert.Single(findings);
        Assert.Equal(["CVE-2023-1393", "DSA-5380-1"], finding.Ids);
        Assert.Equal("xorg-server", finding.SourcePackage);
        Assert.Equal("Debian:11", finding.Ecosystem);
        Assert.Equal("upgrade xorg-server to 2:1.20.11-1+deb11u6", finding.Remediation);
        Assert.Equal(LayerDigest(vulnerable, 1), finding.Layer);
        Assert.Equal("var/lib/dpkg/status.d/xserver-xorg-core", finding.Path);
        Assert.Empty(afterWhiteout);
    }

    private async Task<IReadOnlyList<Core.Scanning.Finding>> MatchAsync(byte[] manifest)
    {
        var generator = new ImageSbomGenerator(ImageInventory.CreateDefault(), TimeProvider.System);
        var (sbom, failure) = await generator.GenerateAsync("library/app", manifest, MediaTypes.OciManifest, _layout, CancellationToken.None);
        Assert.True(sbom is not null, failure);
        return await fixture.MatchAsync(CycloneDxComponents.Read(sbom.Json).Components);
    }

    private static string LayerDigest(byte[] manifest, int index) =>
        JsonNode.Parse(manifest)!["layers"]![index]!["digest"]!.GetValue<string>();
}
