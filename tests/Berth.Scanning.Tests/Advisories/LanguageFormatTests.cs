using Berth.Scanning.Advisories;
using Berth.Scanning.Versions;
using Berth.Scanning.Advisories.Formats;
using Berth.Scanning.Advisories.Matching;
using static Berth.Scanning.Tests.Advisories.AdvisoryTestData;

namespace Berth.Scanning.Tests.Advisories;

/// <summary>rubysec YAML and the legacy nodejs-security-wg JSON.</summary>
public sealed class LanguageFormatTests
{
    [Fact]
    public void Rubysec_gem_advisory()
    {
        var advisory = Assert.Single(Read(new RubySecFormat(), "rubysec/gems/resque/CVE-2023-50725.yml"));
        Assert.Equal(("CVE-2023-50725", "RUBYSEC"), (advisory.Id, advisory.Source));
        Assert.Equal(["GHSA-gc3j-vvwf-4rp8"], advisory.Aliases);
        Assert.Equal("Resque vulnerable to reflected XSS in resque-web failed and queues lists", advisory.Summary);
        Assert.Equal(new DateTimeOffset(2023, 12, 18, 0, 0, 0, TimeSpan.Zero), advisory.Published);
        Assert.Equal([new AdvisorySeverity(AdvisorySeverity.CvssV3, "6.3")], advisory.Severity);
        Assert.Equal(6.3, advisory.Severity[0].BaseScore);
        var affected = Assert.Single(advisory.Affected);
        Assert.Equal(("RubyGems", "resque"), (affected.Ecosystem, affected.Name));
        Assert.Equal(ConstraintSyntax.RubyGems, affected.Constraints!.Syntax);
        Assert.Equal([">= 2.2.1"], affected.Constraints.Patched);
        Assert.True(AffectedEvaluator.Affects("2.2.0", affected, RubyGemsVersionComparer.Instance));
        Assert.False(AffectedEvaluator.Affects("2.2.1", affected, RubyGemsVersionComparer.Instance));
        Assert.Equal("2.2.1", Remediation.LowestFixedAbove("2.0.0", affected, RubyGemsVersionComparer.Instance));
    }

    [Fact]
    public void Rubysec_patched_and_unaffected()
    {
        var affected = Assert.Single(Assert.Single(Read(new RubySecFormat(), "rubysec/gems/actionpack/CVE-2013-6414.yml")).Affected);
        Assert.Equal(["~> 3.2.16", ">= 4.0.2"], affected.Constraints!.Patched);
        Assert.Equal(["~> 2.3.0"], affected.Constraints.Unaffected);
        Assert.False(AffectedEvaluator.Affects("2.3.18", affected, RubyGemsVersionComparer.Instance));
        Assert.True(AffectedEvaluator.Affects("3.0.0", affected, RubyGemsVersionComparer.Instance));
        Assert.True(AffectedEvaluator.Affects("3.2.15", affected, RubyGemsVersionComparer.Instance));
        Assert.False(AffectedEvaluator.Affects("3.2.16", affected, RubyGemsVersionComparer.Instance));
        Assert.True(AffectedEvaluator.Affects("4.0.1", affected, RubyGemsVersionComparer.Instance));
        Assert.False(AffectedEvaluator.Affects("4.0.2", affected, RubyGemsVersionComparer.Instance));
    }

    [Fact]
    public void Rubysec_interpreter_advisory()
    {
        var advisory = Assert.Single(Read(new RubySecFormat(), "rubysec/rubies/ruby/CVE-2005-1992.yml"));
        var affected = Assert.Single(advisory.Affected);
        Assert.Equal(("Ruby", "ruby"), (affected.Ecosystem, affected.Name));
        Assert.Equal([new AdvisorySeverity(AdvisorySeverity.CvssV2, "7.5")], advisory.Severity);
    }

    [Fact]
    public void Rubysec_requirement_that_does_not_parse_is_malformed()
    {
        using var document = Document("CVE-2099-1.yml", "gem: x\nurl: https://example.com\npatched_versions:\n  - \"=> 1.0\"\n");
        var format = new RubySecFormat();
        Assert.True(format.CanRead(document));
        var error = Assert.Throws<AdvisoryFormatException>(() => format.Read(document, new ReadContext()).ToList());
        Assert.Contains("'=> 1.0'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Npm_legacy_module_advisory()
    {
        var advisory = Assert.Single(Read(new NodeSecurityFormat(), "nodejs-security-wg/vuln/npm/488.json"));
        Assert.Equal(("NSWG-ECO-488", "NSWG"), (advisory.Id, advisory.Source));
        var affected = Assert.Single(advisory.Affected);
        Assert.Equal(("npm", "decompress-zip"), (affected.Ecosystem, affected.Name));
        Assert.Equal("<0.2.2 || >=0.3.0 <0.3.2", affected.Constraints!.Vulnerable);
        Assert.Equal(["~0.2.2 || >=0.3.2"], affected.Constraints.Patched);
        Assert.True(AffectedEvaluator.Affects("0.3.1", affected, SemVerComparer.Instance));
        Assert.False(AffectedEvaluator.Affects("0.2.2", affected, SemVerComparer.Instance));
        Assert.Equal("0.3.2", Remediation.LowestFixedAbove("0.3.0", affected, SemVerComparer.Instance));
    }

    [Fact]
    public void Npm_legacy_without_a_patch_and_with_a_vector()
    {
        var advisory = Assert.Single(Read(new NodeSecurityFormat(), "nodejs-security-wg/vuln/npm/410.json"));
        Assert.Equal([new AdvisorySeverity(AdvisorySeverity.CvssV3, "CVSS:3.0/AV:N/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L")], advisory.Severity);
        Assert.Equal(new DateTimeOffset(2018, 4, 9, 0, 0, 0, TimeSpan.Zero), advisory.Modified);
        var affected = Assert.Single(advisory.Affected);
        Assert.Empty(affected.Constraints!.Patched);
        Assert.True(AffectedEvaluator.Affects("1.0.0", affected, SemVerComparer.Instance));
        Assert.False(AffectedEvaluator.Affects("1.0.1", affected, SemVerComparer.Instance));
        Assert.Null(Remediation.LowestFixedAbove("1.0.0", affected, SemVerComparer.Instance));
    }

    [Fact]
    public void Node_core_advisory()
    {
        var advisory = Assert.Single(Read(new NodeSecurityFormat(), "nodejs-security-wg/vuln/core/1.json"));
        Assert.Equal("NSWG-COR-1", advisory.Id);
        var affected = Assert.Single(advisory.Affected);
        Assert.Equal(("Node.js", "node"), (affected.Ecosystem, affected.Name));
        Assert.NotNull(advisory.DatabaseSeverity);
    }

    [Fact]
    public void Npm_index_holds_many_entries()
    {
        const string index = """
            {"1": {"id": 1, "module_name": "bassmaster", "cves": ["CVE-2014-7205"], "vulnerable_versions": "<=1.5.1", "patched_versions": ">=1.5.2", "title": "t"},
             "2": {"id": 2, "module_name": "codem-transcode", "cves": [], "vulnerable_versions": "<0.5.0", "patched_versions": ">=0.5.0", "title": "t"}}
            """;
        using var document = Document("index.json", index);
        var format = new NodeSecurityFormat();
        Assert.True(format.CanRead(document));
        Assert.Equal(["NSWG-ECO-1", "NSWG-ECO-2"], format.Read(document, new ReadContext()).Select(a => a.Id));
    }
}
