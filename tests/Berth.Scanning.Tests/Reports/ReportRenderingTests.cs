using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Core.Scanning;
using Berth.Scanning.Reports;
using Berth.Scanning.Tests.Findings;
using Json.Schema;

namespace Berth.Scanning.Tests.Reports;

/// <summary>Table, JSON and SARIF renderings of a report matched from real advisories.</summary>
public sealed class ReportRenderingTests(MatchingFixture fixture) : IClassFixture<MatchingFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 5, 0, 0, TimeSpan.Zero);

    // The schema is draft-04; its keywords mean the same in draft-07, which the validator implements.
    private static JsonSchema SarifSchema() => JsonSchema.FromText(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "sarif", "sarif-schema-2.1.0.json"))
            .Replace("http://json-schema.org/draft-04/schema#", "http://json-schema.org/draft-07/schema#", StringComparison.Ordinal));

    private async Task<ScanReport> ReportAsync()
    {
        var image = new TestSbom()
            .Os("debian", "11", "Debian:11")
            .Deb("xserver-xorg-core", "2:1.20.11-1+deb11u5", "11", source: "xorg-server")
            .NuGet("System.Text.Json", "8.0.3")
            .NuGet("Newtonsoft.Json", "12.0.3")
            .PyPI("py", "1.11.0")
            .Npm("bassmaster", "1.5.1")
            .Read();
        return await fixture.Matcher.ReportAsync(image, null, null, Now, CancellationToken.None);
    }

    [Fact]
    public async Task Sarif_is_valid_against_the_SARIF_2_1_0_schema()
    {
        var sarif = SarifReportWriter.Render(await ReportAsync());

        var schema = SarifSchema();
        using var document = JsonDocument.Parse(sarif);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))));
    }

    [Fact]
    public void Schema_check_rejects_an_invalid_SARIF_document()
    {
        using var document = JsonDocument.Parse("""{"version":"2.1.0","runs":[{"tool":{"driver":{}},"results":[{"level":"fatal","message":{"text":"x"}}]}]}""");

        Assert.False(SarifSchema().Evaluate(document.RootElement).IsValid);
    }

    [Fact]
    public async Task Sarif_has_one_run_rules_per_advisory_with_levels_and_security_severity_and_results_at_the_package_path()
    {
        var report = await ReportAsync();
        var sarif = JsonNode.Parse(SarifReportWriter.Render(report))!;

        var run = Assert.Single(sarif["runs"]!.AsArray())!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        var results = run["results"]!.AsArray();
        Assert.Equal("2.1.0", sarif["version"]!.GetValue<string>());
        Assert.Equal(report.Findings.Select(f => f.Id).Distinct().Order(StringComparer.Ordinal), rules.Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal(report.Findings.Count, results.Count);

        var high = rules.Single(r => r!["id"]!.GetValue<string>() == "CVE-2024-30105")!;
        Assert.Equal("error", high["defaultConfiguration"]!["level"]!.GetValue<string>());
        Assert.Equal(report.Findings.Single(f => f.Id == "CVE-2024-30105").Score!.Value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), high["properties"]!["security-severity"]!.GetValue<string>());
        var low = rules.Single(r => r!["id"]!.GetValue<string>() == "GHSA-5crp-9r3c-p9vr")!;
        Assert.Equal("note", low["defaultConfiguration"]!["level"]!.GetValue<string>());
        Assert.Equal("2.0", low["properties"]!["security-severity"]!.GetValue<string>());
        var medium = results.Single(r => r!["ruleId"]!.GetValue<string>() == "CVE-2014-7205")!;
        Assert.Equal("warning", medium["level"]!.GetValue<string>());

        var debian = results.Single(r => r!["ruleId"]!.GetValue<string>() == "CVE-2023-1393")!;
        var location = debian["locations"]![0]!;
        Assert.Equal("var/lib/dpkg/status", location["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.Equal("ROOTPATH", location["physicalLocation"]!["artifactLocation"]!["uriBaseId"]!.GetValue<string>());
        Assert.Equal("xserver-xorg-core", location["logicalLocations"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(rules.Select(r => r!["id"]!.GetValue<string>()).ToList().IndexOf("CVE-2023-1393"), debian["ruleIndex"]!.GetValue<int>());
        Assert.Contains("upgrade xorg-server to 2:1.20.11-1+deb11u6", debian["message"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_report_has_the_documented_shape_and_reads_back()
    {
        var report = await ReportAsync();
        var bytes = JsonReportWriter.Render(report);
        var json = JsonNode.Parse(bytes)!;

        Assert.Equal(
            ["schema", "repository", "digest", "platform", "operatingSystem", "generatedAt", "components", "summary", "findings"],
            json.AsObject().Select(p => p.Key));
        Assert.Equal("berth.scan-report/v1", json["schema"]!.GetValue<string>());
        Assert.Equal("team/app", json["repository"]!.GetValue<string>());
        Assert.Equal("linux/amd64", json["platform"]!.GetValue<string>());
        Assert.Equal("Debian:11", json["operatingSystem"]!.GetValue<string>());
        Assert.Equal(report.Findings.Count, json["summary"]!["total"]!.GetValue<int>());
        Assert.Equal(
            ["total", "fixable", "critical", "high", "medium", "low", "none", "unknown"],
            json["summary"]!.AsObject().Select(p => p.Key));
        var finding = json["findings"]!.AsArray().Single(f => f!["id"]!.GetValue<string>() == "CVE-2023-1393")!;
        Assert.Equal(
            ["id", "ids", "advisories", "severity", "score", "vector", "severitySource", "package", "sourcePackage", "ecosystem", "purl",
             "installedVersion", "fixedVersion", "fixable", "remediation", "layer", "path", "title", "references"],
            finding.AsObject().Select(p => p.Key));
        Assert.Equal("unknown", finding["severity"]!.GetValue<string>());
        Assert.True(finding["fixable"]!.GetValue<bool>());

        var back = JsonReportReader.Read(bytes);
        Assert.Equal(report with { Findings = [] }, back with { Findings = [] });
        Assert.Equal(report.Findings.Count, back.Findings.Count);
        for (var i = 0; i < report.Findings.Count; i++)
        {
            var (a, b) = (report.Findings[i], back.Findings[i]);
            Assert.Equal((a.Id, a.Severity, a.Score, a.Package, a.InstalledVersion, a.FixedVersion, a.Layer, a.Path, a.Title), (b.Id, b.Severity, b.Score, b.Package, b.InstalledVersion, b.FixedVersion, b.Layer, b.Path, b.Title));
            Assert.Equal(a.Ids, b.Ids);
            Assert.Equal(a.References, b.References);
        }
    }

    [Fact]
    public void Json_reader_refuses_other_documents()
    {
        Assert.Throws<JsonException>(() => JsonReportReader.Read(Encoding.UTF8.GetBytes("""{"schema":"other"}""")));
    }

    [Fact]
    public async Task Table_lists_findings_in_report_order_with_aligned_columns()
    {
        var report = await ReportAsync();
        var table = TableReportWriter.Render(report);
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

        Assert.Equal("Image:    team/app@sha256:abcd", lines[0]);
        Assert.Contains("Platform: linux/amd64   OS: Debian:11", lines);
        var header = Array.FindIndex(lines, l => l.StartsWith("SEVERITY", StringComparison.Ordinal));
        Assert.True(header > 0);
        var rows = lines[(header + 1)..];
        Assert.Equal(report.Findings.Count, rows.Length);
        var idColumn = lines[header].IndexOf("ID", StringComparison.Ordinal);
        Assert.Equal(report.Findings.Select(f => f.Id), rows.Select(r => r[idColumn..].Split(' ')[0]));
        var debian = rows.Single(r => r.Contains("CVE-2023-1393", StringComparison.Ordinal));
        Assert.Contains("xserver-xorg-core (xorg-server)", debian, StringComparison.Ordinal);
        Assert.Contains("2:1.20.11-1+deb11u6", debian, StringComparison.Ordinal);
        Assert.EndsWith("111111111111", debian, StringComparison.Ordinal);
        Assert.Contains(rows, r => r.StartsWith("UNKNOWN", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Findings: " + report.Findings.Count, StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_report_renders_in_every_format()
    {
        var empty = new ScanReport { Repository = "r", Digest = "sha256:0", GeneratedAt = Now };

        Assert.Contains("Findings: 0 (none), fixable: 0", TableReportWriter.Render(empty), StringComparison.Ordinal);
        Assert.Empty(JsonReportReader.Read(JsonReportWriter.Render(empty)).Findings);
        Assert.Empty(JsonNode.Parse(SarifReportWriter.Render(empty))!["runs"]![0]!["results"]!.AsArray());
    }
}
