using Berth.Core.Scanning;
using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Storage;
using Berth.Scanning.Findings;
using Berth.Scanning.Findings.Components;

namespace Berth.Scanning.Tests.Findings;

/// <summary>The pure matcher on hand-made (synthetic, not real) advisories: keys, grouping, severity, remediation.</summary>
public sealed class MatcherUnitTests
{
    private static Advisory Synthetic(string id, string ecosystem, string name, string introduced, string? fixedVersion, params string[] aliases) => new()
    {
        Id = id,
        Source = id.Split('-')[0],
        Aliases = aliases,
        Summary = $"synthetic {id}",
        Affected =
        [
            new AffectedPackage
            {
                Ecosystem = ecosystem,
                Name = name,
                Ranges = [new AffectedRange { Type = RangeTypes.Ecosystem, Events = fixedVersion is null ? [RangeEvent.Introduced(introduced)] : [RangeEvent.Introduced(introduced), RangeEvent.Fixed(fixedVersion)] }],
            },
        ],
    };

    private static List<AdvisoryCandidate> Candidates(params Advisory[] advisories) =>
        advisories.SelectMany(a => a.Affected.Select(f => new AdvisoryCandidate(PackageKey.For(f.Ecosystem, f.Name), a, f))).ToList();

    private static IReadOnlyList<ScannedComponent> Components(TestSbom sbom) => sbom.Read().Components;

    [Fact]
    public void Maven_component_matches_on_group_and_artifact_from_the_purl()
    {
        var advisory = Synthetic("GHSA-test-maven-0001", "Maven", "org.example:lib", "0", "2.17.1", "CVE-2099-0001");

        var findings = FindingMatcher.Match(Components(new TestSbom().Maven("org.example", "lib", "2.14.0").Maven("org.example", "lib", "2.17.1")), Candidates(advisory));

        var finding = Assert.Single(findings);
        Assert.Equal("CVE-2099-0001", finding.Id);
        Assert.Equal("lib", finding.Package);
        Assert.Equal("2.17.1", finding.FixedVersion);
        Assert.Equal("upgrade org.example:lib to 2.17.1", finding.Remediation);
    }

    [Fact]
    public void Advisories_from_two_sources_sharing_a_CVE_are_one_finding_needing_both_fixes()
    {
        var ghsa = Synthetic("GHSA-aaaa-bbbb-cccc", "npm", "@scope/pkg", "0", "1.2.4", "CVE-2099-0002");
        var other = Synthetic("NSWG-ECO-9999", "npm", "@scope/pkg", "1.0.0", "1.2.5", "CVE-2099-0002");

        var finding = Assert.Single(FindingMatcher.Match(Components(new TestSbom().Npm("@scope/pkg", "1.2.0")), Candidates(ghsa, other)));

        Assert.Equal("CVE-2099-0002", finding.Id);
        Assert.Equal(["CVE-2099-0002", "GHSA-aaaa-bbbb-cccc", "NSWG-ECO-9999"], finding.Ids);
        Assert.Equal("1.2.5", finding.FixedVersion);
    }

    [Fact]
    public void Without_a_CVE_the_GHSA_id_is_primary_and_chains_of_aliases_join()
    {
        var go = Synthetic("GO-2099-0001", "Go", "example.com/mod", "0", "1.1.0", "GHSA-dddd-eeee-ffff");
        var ghsa = Synthetic("GHSA-dddd-eeee-ffff", "Go", "example.com/mod", "0", null);

        var finding = Assert.Single(FindingMatcher.Match(Components(new TestSbom().Go("example.com/mod", "v1.0.0")), Candidates(go, ghsa)));

        Assert.Equal("GHSA-dddd-eeee-ffff", finding.Id);
        Assert.Equal(["GHSA-dddd-eeee-ffff", "GO-2099-0001"], finding.Ids);
        Assert.Equal("1.1.0", finding.FixedVersion);
    }

    [Fact]
    public void Go_toolchain_version_is_read_without_its_go_prefix()
    {
        var stdlib = Synthetic("GO-2099-0002", "Go", "stdlib", "0", "1.21.5");

        var finding = Assert.Single(FindingMatcher.Match(Components(new TestSbom().Go("stdlib", "go1.21.4")), Candidates(stdlib)));

        Assert.Equal("1.21.4", finding.InstalledVersion);
        Assert.Equal("1.21.5", finding.FixedVersion);
    }

    [Fact]
    public void Unfixed_vulnerability_is_not_fixable()
    {
        var advisory = Synthetic("PYSEC-2099-1", "PyPI", "pkg", "0", null, "CVE-2099-0003");

        var finding = Assert.Single(FindingMatcher.Match(Components(new TestSbom().PyPI("Pkg", "3.0")), Candidates(advisory)));

        Assert.False(finding.Fixable);
        Assert.Null(finding.Remediation);
    }

    [Fact]
    public void Components_without_an_ecosystem_and_the_operating_system_are_never_matched()
    {
        var advisory = Synthetic("DSA-9999-1", "Debian:12", "debian", "0", "99");
        var components = new[]
        {
            new ScannedComponent { Type = "operating-system", Name = "debian", Version = "12", Ecosystem = "Debian:12" },
            new ScannedComponent { Name = "debian", Version = "1" },
        };

        Assert.Empty(FindingMatcher.Match(components, Candidates(advisory)));
        Assert.Null(MatchKeys.For(components[0]));
        Assert.Null(MatchKeys.For(components[1]));
    }

    [Fact]
    public void Rpm_epoch_from_the_purl_qualifier_is_added_to_a_bare_version()
    {
        var component = new ScannedComponent { Name = "perl-FCGI", Version = "0.79-8.el9", Purl = "pkg:rpm/almalinux/perl-FCGI@0.79-8.el9?arch=x86_64&epoch=1", Ecosystem = "AlmaLinux:9" };

        Assert.Equal(new MatchKey(new PackageKey("AlmaLinux:9", "perl-FCGI"), "1:0.79-8.el9"), MatchKeys.For(component));
    }

    [Theory]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", "CVSS:3.1", 5.3)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", "CVSS:4.0", 6.9)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "not a vector", "CVSS:3.1", 9.8)]
    public void Severity_prefers_the_newest_CVSS_version(string first, string second, string source, double score)
    {
        var advisory = Synthetic("GHSA-1111-2222-3333", "npm", "x", "0", null) with
        {
            Severity = [new AdvisorySeverity(AdvisorySeverity.CvssV3, first), new AdvisorySeverity(AdvisorySeverity.CvssV4, second)],
            DatabaseSeverity = "LOW",
        };

        var resolved = SeverityResolver.Resolve([(advisory, advisory.Affected[0])]);

        Assert.Equal(source, resolved.Source);
        Assert.Equal(score, resolved.Score);
    }

    [Fact]
    public void Severity_falls_back_to_a_bare_score_then_the_source_word_then_unknown()
    {
        var baseAdvisory = Synthetic("RUBYSEC-1", "RubyGems", "x", "0", null);
        var scored = baseAdvisory with { Severity = [new AdvisorySeverity(AdvisorySeverity.CvssV3, "9.1")], DatabaseSeverity = "low" };
        var v2 = baseAdvisory with { Severity = [new AdvisorySeverity(AdvisorySeverity.CvssV2, "9.3")] };
        var worded = baseAdvisory with { DatabaseSeverity = "Important" };

        Assert.Equal(new ResolvedSeverity(FindingSeverity.Critical, 9.1, null, "score"), SeverityResolver.Resolve([(scored, scored.Affected[0])]));
        Assert.Equal(FindingSeverity.High, SeverityResolver.Resolve([(v2, v2.Affected[0])]).Severity);
        Assert.Equal(new ResolvedSeverity(FindingSeverity.High, null, null, "source"), SeverityResolver.Resolve([(worded, worded.Affected[0])]));
        Assert.Equal(ResolvedSeverity.Unknown, SeverityResolver.Resolve([(baseAdvisory, baseAdvisory.Affected[0])]));
    }

    [Fact]
    public void Output_is_deterministic_whatever_the_candidate_order()
    {
        var advisories = Enumerable.Range(1, 8)
            .Select(i => Synthetic($"GHSA-{i}", "npm", "pkg", "0", "9.0.0", $"CVE-2099-{i:0000}") with { DatabaseSeverity = i % 2 == 0 ? "HIGH" : "LOW" })
            .ToArray();
        var components = Components(new TestSbom().Npm("pkg", "1.0.0"));

        var forward = FindingMatcher.Match(components, Candidates(advisories));
        var backward = FindingMatcher.Match(components, Candidates(advisories.Reverse().ToArray()));

        Assert.Equal(forward.Select(f => f.Id), backward.Select(f => f.Id));
        Assert.Equal(["CVE-2099-0002", "CVE-2099-0004", "CVE-2099-0006", "CVE-2099-0008", "CVE-2099-0001", "CVE-2099-0003", "CVE-2099-0005", "CVE-2099-0007"], forward.Select(f => f.Id));
    }

    [Theory]
    [InlineData("pkg:npm/%40angular/core@1.0.0", "npm", "@angular", "core", "@angular/core")]
    [InlineData("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.0?type=jar", "maven", "org.apache.logging.log4j", "log4j-core", "org.apache.logging.log4j:log4j-core")]
    [InlineData("pkg:golang/github.com/containerd/containerd@v1.5.9", "golang", "github.com/containerd", "containerd", "github.com/containerd/containerd")]
    [InlineData("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64", "deb", "debian", "libc6", "libc6")]
    public void Package_urls_give_the_OSV_name(string purl, string type, string ns, string name, string osvName)
    {
        var parsed = PackageUrl.Parse(purl);

        Assert.NotNull(parsed);
        Assert.Equal((type, ns, name, osvName), (parsed.Type, parsed.Namespace, parsed.Name, parsed.OsvName));
    }

    [Fact]
    public void Debian_purl_version_is_percent_decoded_and_non_purls_are_refused()
    {
        Assert.Equal("2.36-9+deb12u4", PackageUrl.Parse("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64")!.Version);
        Assert.Null(PackageUrl.Parse("npm:foo@1"));
        Assert.Null(PackageUrl.Parse("pkg:npm"));
    }
}
