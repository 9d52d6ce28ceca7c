using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Formats;
using static Berth.Scanning.Tests.Advisories.AdvisoryTestData;

namespace Berth.Scanning.Tests.Advisories;

/// <summary>OSV JSON and YAML from the Go, PyPA, RustSec, GHSA and AlmaLinux databases.</summary>
public sealed class OsvFormatTests
{
    private readonly OsvFormat format = new();

    [Fact]
    public void Go_entry_with_three_introduced_fixed_pairs()
    {
        var advisory = Assert.Single(Read(format, "go-vulndb/data/osv/GO-2022-0344.json"));
        Assert.Equal("GO-2022-0344", advisory.Id);
        Assert.Equal("GO", advisory.Source);
        Assert.Contains("CVE-2022-23648", advisory.Aliases);
        Assert.Null(advisory.Modified); // zeroed in the repository copy
        var affected = Assert.Single(advisory.Affected);
        Assert.Equal(("Go", "github.com/containerd/containerd"), (affected.Ecosystem, affected.Name));
        Assert.Equal(["introduced:0", "fixed:1.4.13", "introduced:1.5.0", "fixed:1.5.10", "introduced:1.6.0", "fixed:1.6.1"], Events(SingleRange(affected)));
        Assert.Equal(RangeTypes.Semver, SingleRange(affected).Type);
    }

    [Fact]
    public void Withdrawn_entries_keep_their_withdrawn_date()
    {
        var go = Assert.Single(Read(format, "go-vulndb/data/osv/GO-2022-0617.json"));
        Assert.True(go.IsWithdrawn);
        var rust = Assert.Single(Read(format, "rustsec/crates/RUSTSEC-2019-0031.json"));
        Assert.True(rust.IsWithdrawn);
        var pypa = Assert.Single(Read(format, "pypa/vulns/loguru/PYSEC-2022-15.yaml"));
        Assert.Equal(new DateTimeOffset(2022, 2, 22, 16, 15, 7, TimeSpan.Zero), pypa.Withdrawn);
        Assert.Empty(Assert.Single(pypa.Affected).Ranges);
    }

    [Fact]
    public void Pypa_yaml_with_last_affected_and_versions()
    {
        var advisory = Assert.Single(Read(format, "pypa/vulns/py/PYSEC-2022-42969.yaml"));
        Assert.Equal("PYSEC", advisory.Source);
        Assert.Equal(["CVE-2022-42969", "GHSA-w596-4wvx-j9j6"], advisory.Aliases);
        Assert.Equal(new DateTimeOffset(2022, 11, 4, 11, 0, 0, TimeSpan.Zero), advisory.Modified);
        var affected = Assert.Single(advisory.Affected);
        Assert.Equal("py", affected.NameKey);
        Assert.Equal(["introduced:0", "last_affected:1.11.0"], Events(SingleRange(affected)));
        Assert.Equal(65, affected.Versions.Count);
        Assert.Contains("1.4.10", affected.Versions); // stays a string, not the YAML float 1.4.1
        Assert.Contains("0.8.0-alpha2", affected.Versions);
    }

    [Fact]
    public void Pypa_git_range_beside_an_ecosystem_range()
    {
        var affected = Assert.Single(Assert.Single(Read(format, "pypa/vulns/rdiffweb/PYSEC-2022-302.yaml")).Affected);
        Assert.Equal([RangeTypes.Git, RangeTypes.Ecosystem], affected.Ranges.Select(r => r.Type));
        Assert.Equal("https://github.com/ikus060/rdiffweb", affected.Ranges[0].Repo);
        Assert.Equal(["introduced:0", "fixed:2.4.10"], Events(affected.Ranges[1]));
    }

    [Fact]
    public void Rustsec_cvss_v4_severity()
    {
        var advisory = Assert.Single(Read(format, "rustsec/crates/RUSTSEC-2024-0445.json"));
        Assert.Equal("RUSTSEC", advisory.Source);
        Assert.Contains(advisory.Severity, s => s.Type == AdvisorySeverity.CvssV4 && s.Score.StartsWith("CVSS:4.0/", StringComparison.Ordinal));
    }

    [Fact]
    public void Ghsa_nuget_ranges_and_database_severity()
    {
        var npgsql = Assert.Single(Read(format, "ghsa-nuget-sample/GHSA-x9vc-6hfv-hg8c.json"));
        Assert.Equal("GHSA", npgsql.Source);
        Assert.Equal(6, npgsql.Affected.Sum(a => a.Ranges.Count));
        Assert.All(npgsql.Affected, a => Assert.Equal("npgsql", a.NameKey));

        var newtonsoft = Assert.Single(Read(format, "ghsa-nuget-sample/GHSA-5crp-9r3c-p9vr.json"));
        Assert.Empty(newtonsoft.Severity);
        Assert.Equal("LOW", newtonsoft.DatabaseSeverity);
        Assert.Equal("newtonsoft.json", Assert.Single(newtonsoft.Affected).NameKey);

        var jwt = Assert.Single(Read(format, "ghsa-nuget-sample/GHSA-59j7-ghrg-fj52.json"));
        Assert.Contains(jwt.Affected.SelectMany(a => a.Ranges).SelectMany(r => r.Events), e => e.Version == "7.0.0-preview");
    }

    [Fact]
    public void Almalinux_severity_from_the_summary_and_cves_in_related()
    {
        var advisory = Assert.Single(Read(format, "almalinux/advisories/almalinux9/ALSA-2025:8635.json"));
        Assert.Equal("ALSA", advisory.Source);
        Assert.Equal("Important", advisory.DatabaseSeverity);
        Assert.Equal(["CVE-2025-40907"], advisory.Related);
        var affected = Assert.Single(advisory.Affected);
        Assert.Equal(("AlmaLinux:9", "perl-FCGI"), (affected.Ecosystem, affected.Name));
        Assert.Equal(["introduced:0", "fixed:1:0.79-8.1.el9_6"], Events(SingleRange(affected)));
    }

    [Theory]
    [InlineData("almalinux/advisories/almalinux8/ALBA-2020:5502.json")]
    [InlineData("almalinux/advisories/almalinux8/ALEA-2019:3314.json")]
    public void Almalinux_bugfix_and_enhancement_errata_are_skipped(string file)
    {
        var context = new ReadContext();
        Assert.Empty(Read(format, file, context));
        Assert.Equal(1, context.Skipped["AlmaLinux bug-fix and enhancement errata"]);
    }

    [Fact]
    public void Details_are_trimmed_and_shortened()
    {
        var full = Assert.Single(Read(format, "almalinux/advisories/almalinux9/ALSA-2025:8635.json", new ReadContext(null)));
        Assert.StartsWith("FastCGI Perl bindings.", full.Details, StringComparison.Ordinal);
        Assert.False(full.Details!.EndsWith('\n'));
        var cut = Assert.Single(Read(format, "almalinux/advisories/almalinux9/ALSA-2025:8635.json", new ReadContext(20)));
        Assert.Equal("FastCGI Perl binding …", cut.Details);
        Assert.Null(Assert.Single(Read(format, "almalinux/advisories/almalinux9/ALSA-2025:8635.json", new ReadContext(0))).Details);
    }

    [Theory]
    [InlineData("x.json", """{"id": "GHSA-1", "affected": [{"package": {"ecosystem": "npm"}}]}""", "'name' is missing")]
    [InlineData("x.json", """{"id": "GHSA-1", "affected": [{"package": {"ecosystem": "npm", "name": "a"}, "ranges": [{"type": "SEMVER", "events": [{"bogus": "1"}]}]}]}""", "range event")]
    [InlineData("x.json", """{"id": "GHSA-1", "modified": "yesterday"}""", "not a date")]
    [InlineData("x.yaml", "id: GHSA-1\naffected: 5\n", "not an object")]
    [InlineData("x.json", """{"id": "GHSA-1", "affected": {"package": 1}}""", "must be a list")]
    public void Malformed_entries_are_refused(string name, string content, string message)
    {
        using var document = Document(name, content);
        Assert.True(format.CanRead(document));
        var error = Assert.Throws<AdvisoryFormatException>(() => format.Read(document, new ReadContext()).ToList());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_syntax_errors_surface_as_format_errors()
    {
        using var document = Document("broken.json", """{"id": "GHSA-1", "affected": [""");
        Assert.Throws<AdvisoryFormatException>(() => format.CanRead(document));
    }

    [Fact]
    public void Other_json_is_not_claimed()
    {
        using var document = Document("package.json", """{"name": "x", "version": "1.0.0"}""");
        Assert.False(format.CanRead(document));
    }
}
