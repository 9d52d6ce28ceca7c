using Berth.Core.Scanning;

namespace Berth.Scanning.Tests.Findings;

/// <summary>Hand-built SBOMs matched against real advisories (TestData/advisories, TestData/matching): findings asserted by id.</summary>
public sealed class RealAdvisoryMatchingTests(MatchingFixture fixture) : IClassFixture<MatchingFixture>
{
    [Fact]
    public async Task Debian_binary_package_matches_on_its_source_package_and_release()
    {
        var findings = await fixture.MatchAsync(new TestSbom()
            .Os("debian", "11", "Debian:11")
            .Deb("xserver-xorg-core", "2:1.20.11-1+deb11u5", "11", source: "xorg-server"));

        var finding = Assert.Single(findings);
        Assert.Equal("CVE-2023-1393", finding.Id);
        Assert.Equal(["CVE-2023-1393", "DSA-5380-1"], finding.Ids);
        Assert.Equal(["DSA/DSA-5380-1"], finding.Advisories);
        Assert.Equal("xserver-xorg-core", finding.Package);
        Assert.Equal("xorg-server", finding.SourcePackage);
        Assert.Equal("Debian:11", finding.Ecosystem);
        Assert.Equal("2:1.20.11-1+deb11u5", finding.InstalledVersion);
        Assert.Equal("2:1.20.11-1+deb11u6", finding.FixedVersion);
        Assert.True(finding.Fixable);
        Assert.Equal("upgrade xorg-server to 2:1.20.11-1+deb11u6", finding.Remediation);
        Assert.Equal(TestSbom.Layer1, finding.Layer);
        Assert.Equal("var/lib/dpkg/status", finding.Path);
        Assert.Equal(FindingSeverity.Unknown, finding.Severity);
    }

    [Fact]
    public async Task Debian_package_at_the_fixed_version_or_on_another_release_has_no_finding()
    {
        var findings = await fixture.MatchAsync(new TestSbom()
            .Deb("xserver-xorg-core", "2:1.20.11-1+deb11u6", "11", source: "xorg-server")
            .Deb("xserver-xorg-core", "2:1.20.11-1+deb11u5", "12", source: "xorg-server")
            .Deb("xorg-server", "2:1.20.11-1+deb11u7", "11"));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Debian_source_version_is_compared_when_the_binary_version_differs()
    {
        var findings = await fixture.MatchAsync(new TestSbom()
            .Deb("xserver-xorg-core", "2:1.20.11-1+deb11u9+b1", "11", source: "xorg-server", sourceVersion: "2:1.20.11-1+deb11u5"));

        Assert.Equal("2:1.20.11-1+deb11u5", Assert.Single(findings).InstalledVersion);
    }

    [Fact]
    public async Task A_distro_advisory_for_several_CVEs_gives_one_finding_per_CVE()
    {
        var findings = await fixture.MatchAsync(new TestSbom().Deb("apache2-bin", "2.4.54-2~deb11u1", "11", source: "apache2"));

        Assert.Equal(["CVE-2006-20001", "CVE-2022-36760", "CVE-2022-37436", "CVE-2023-25690", "CVE-2023-27522"], findings.Select(f => f.Id));
        Assert.All(findings, f =>
        {
            Assert.Equal([f.Id, "DSA-5376-1"], f.Ids);
            Assert.Equal("2.4.56-1~deb11u1", f.FixedVersion);
        });
    }

    [Fact]
    public async Task Two_distro_advisories_for_one_CVE_are_one_finding_fixed_by_the_later_update()
    {
        var below = await fixture.MatchAsync(new TestSbom().Deb("python3-cryptography", "2.6.1-3+deb10u2", "10", source: "python-cryptography"));
        var regression = await fixture.MatchAsync(new TestSbom().Deb("python3-cryptography", "2.6.1-3+deb10u3", "10", source: "python-cryptography"));
        var current = await fixture.MatchAsync(new TestSbom().Deb("python3-cryptography", "2.6.1-3+deb10u4", "10", source: "python-cryptography"));

        var finding = Assert.Single(below);
        Assert.Equal("CVE-2023-23931", finding.Id);
        Assert.Equal(["CVE-2023-23931", "DLA-3331-1", "DLA-3331-2"], finding.Ids);
        Assert.Equal(["DLA/DLA-3331-1", "DLA/DLA-3331-2"], finding.Advisories);
        Assert.Equal("2.6.1-3+deb10u4", finding.FixedVersion);
        Assert.Equal(["DLA-3331-2"], Assert.Single(regression).Advisories.Select(a => a.Split('/')[1]));
        Assert.Equal("2.6.1-3+deb10u4", Assert.Single(regression).FixedVersion);
        Assert.Empty(current);
    }

    [Fact]
    public async Task Alpine_subpackage_matches_on_its_origin_and_branch()
    {
        var findings = await fixture.MatchAsync(new TestSbom().Apk("apache2-utils", "2.4.39-r0", "3.9", origin: "apache2"));
        var fixedOnes = await fixture.MatchAsync(new TestSbom().Apk("apache2-utils", "2.4.41-r0", "3.9", origin: "apache2"));

        var finding = Assert.Single(findings, f => f.Id == "CVE-2019-9517");
        Assert.Equal(["CVE-2019-9517", "ALPINE-CVE-2019-9517"], finding.Ids);
        Assert.Equal("2.4.41-r0", finding.FixedVersion);
        Assert.Equal("apache2", finding.SourcePackage);
        Assert.Equal("lib/apk/db/installed", finding.Path);
        Assert.DoesNotContain(fixedOnes, f => f.Id == "CVE-2019-9517");
    }

    [Fact]
    public async Task AlmaLinux_rpm_matches_on_binary_name_with_epoch()
    {
        var findings = await fixture.MatchAsync(new TestSbom().Rpm("perl-FCGI", "1:0.79-8.el9", "9.5"));
        var fixedOne = await fixture.MatchAsync(new TestSbom().Rpm("perl-FCGI", "1:0.79-8.1.el9_6", "9.6"));

        var finding = Assert.Single(findings);
        Assert.Equal("CVE-2025-40907", finding.Id);
        Assert.Equal(["CVE-2025-40907", "ALSA-2025:8635"], finding.Ids);
        Assert.Equal("1:0.79-8.1.el9_6", finding.FixedVersion);
        Assert.Equal(FindingSeverity.High, finding.Severity);
        Assert.Equal("source", finding.SeveritySource);
        Assert.Empty(fixedOne);
    }

    [Fact]
    public async Task Npm_package_matches_the_node_security_advisory()
    {
        var findings = await fixture.MatchAsync(new TestSbom().Npm("bassmaster", "1.5.1").Npm("node.extend", "1.1.6"));

        var bassmaster = Assert.Single(findings, f => f.Package == "bassmaster");
        Assert.Equal("CVE-2014-7205", bassmaster.Id);
        Assert.Contains("NSWG-ECO-1", bassmaster.Ids);
        Assert.Equal("1.5.2", bassmaster.FixedVersion);
        Assert.Equal(FindingSeverity.Medium, bassmaster.Severity);
        Assert.Equal(6.5, bassmaster.Score);
        Assert.Equal("CVSS:3.0", bassmaster.SeveritySource);
        Assert.Equal("CVE-2018-16491", Assert.Single(findings, f => f.Package == "node.extend").Id);
    }

    [Fact]
    public async Task PyPI_name_is_normalised_and_versions_lists_match()
    {
        var findings = await fixture.MatchAsync(new TestSbom().PyPI("Py", "1.11.0").PyPI("zstd", "1.5.4.0"));

        Assert.Contains(findings, f => f.Package == "Py" && f.Ids.Contains("PYSEC-2022-42969"));
        Assert.Null(Assert.Single(findings, f => f.Package == "Py").FixedVersion);
        Assert.Contains(findings, f => f.Package == "zstd" && f.Ids.Contains("PYSEC-2023-121"));
    }

    [Fact]
    public async Task Go_module_with_GHSA_and_CVE_aliases_is_one_finding_under_the_CVE()
    {
        var findings = await fixture.MatchAsync(new TestSbom().Go("github.com/containerd/containerd", "v1.5.9").Go("github.com/containerd/containerd", "v1.5.10"));

        var finding = Assert.Single(findings);
        Assert.Equal("CVE-2022-23648", finding.Id);
        Assert.Equal(["CVE-2022-23648", "GHSA-crp2-qrr5-8pq7", "GO-2022-0344"], finding.Ids);
        Assert.Equal("v1.5.9", finding.InstalledVersion);
        Assert.Equal("1.5.10", finding.FixedVersion);
    }

    [Fact]
    public async Task NuGet_ids_are_case_insensitive_and_CVSS_v4_wins_over_v3()
    {
        var findings = await fixture.MatchAsync(new TestSbom().NuGet("system.text.json", "8.0.3"));

        Assert.Equal(["CVE-2024-30105", "CVE-2024-43485"], findings.Select(f => f.Id).Order(StringComparer.Ordinal));
        var first = Assert.Single(findings, f => f.Id == "CVE-2024-30105");
        Assert.Equal(["CVE-2024-30105", "GHSA-hh2w-p6rv-4g7w"], first.Ids);
        Assert.StartsWith("CVSS:4.0/", first.Vector, StringComparison.Ordinal);
        Assert.Equal("CVSS:4.0", first.SeveritySource);
        Assert.Equal("8.0.4", first.FixedVersion);
        Assert.Equal("8.0.5", Assert.Single(findings, f => f.Id == "CVE-2024-43485").FixedVersion);
    }

    [Fact]
    public async Task NuGet_advisory_without_a_vector_is_rated_by_its_database_severity()
    {
        var finding = Assert.Single(await fixture.MatchAsync(new TestSbom().NuGet("Newtonsoft.Json", "12.0.3")));

        Assert.Equal("GHSA-5crp-9r3c-p9vr", finding.Id);
        Assert.Equal(FindingSeverity.Low, finding.Severity);
        Assert.Null(finding.Score);
        Assert.Equal("13.0.1", finding.FixedVersion);
    }

    [Fact]
    public async Task RubyGems_and_crates_packages_match()
    {
        var findings = await fixture.MatchAsync(new TestSbom().Gem("resque", "2.2.0").Crate("cap-primitives", "3.4.0"));

        var gem = Assert.Single(findings, f => f.Package == "resque");
        Assert.Equal("CVE-2023-50725", gem.Id);
        Assert.Contains("GHSA-gc3j-vvwf-4rp8", gem.Ids);
        Assert.Equal("2.2.1", gem.FixedVersion);
        var crate = Assert.Single(findings, f => f.Package == "cap-primitives");
        Assert.Equal("CVE-2024-51756", crate.Id);
        Assert.Equal(["CVE-2024-51756", "GHSA-hxf5-99xg-86hw", "RUSTSEC-2024-0445"], crate.Ids);
        Assert.Equal("3.4.1", crate.FixedVersion);
        Assert.Equal("CVSS:4.0", crate.SeveritySource);
    }

    [Fact]
    public async Task Withdrawn_advisories_are_ignored()
    {
        var findings = await fixture.MatchAsync(new TestSbom()
            .Go("k8s.io/kubernetes", "v1.20.0")
            .Crate("spin", "0.5.0")
            .PyPI("loguru", "0.5.0"));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task Findings_are_ordered_by_severity_then_id()
    {
        var findings = await fixture.MatchAsync(new TestSbom()
            .NuGet("Newtonsoft.Json", "12.0.3")
            .Deb("apache2-bin", "2.4.54-2~deb11u1", "11", source: "apache2")
            .NuGet("System.Text.Json", "8.0.3")
            .Crate("cap-primitives", "3.4.0"));

        var expected = findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Id, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected.Select(f => (f.Severity, f.Id)), findings.Select(f => (f.Severity, f.Id)));
        Assert.Equal(FindingSeverity.High, findings[0].Severity);
        Assert.Equal(FindingSeverity.Unknown, findings[^1].Severity);
    }
}
