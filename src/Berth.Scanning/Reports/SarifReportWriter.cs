using System.Globalization;
using System.Text.Json;
using Berth.Core.Scanning;

namespace Berth.Scanning.Reports;

/// <summary>
/// Renders a report as SARIF 2.1.0: one run; one rule per vulnerability id (its title, help with the fix, the
/// default level of its most severe finding, and GitHub code scanning's <c>security-severity</c> property); one
/// result per finding, located at the package's file inside the image (<c>berth:path</c>, relative to the
/// <c>ROOTPATH</c> base, the image's root).
/// </summary>
/// <remarks>
/// Levels: Critical and High → <c>error</c>, Medium → <c>warning</c>, Low, None and Unknown → <c>note</c>.
/// <c>security-severity</c> is the CVSS score ("9.8"); without one, the rating's usual score (Critical 9.5,
/// High 8.0, Medium 5.5, Low 2.0, None and Unknown 0.0). Pure; never throws for non-null input.
/// </remarks>
public static class SarifReportWriter
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    private const string RootBase = "ROOTPATH";

    public static byte[] Render(ScanReport report, string toolVersion = "1.0.0")
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(toolVersion);
        var rules = report.Findings
            .GroupBy(f => f.Id, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Worst: g.OrderByDescending(f => f.Severity).ThenByDescending(f => f.Score ?? 0).First()))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToArray();
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, toolVersion, rules.Select(r => r.Worst));
            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject(RootBase);
            json.WriteString("uri", "file:///");
            json.WriteStartObject("description");
            json.WriteString("text", $"The root of image {report.Repository}@{report.Digest}");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var finding in report.Findings)
            {
                WriteResult(json, report, finding, ruleIndex[finding.Id]);
            }

            json.WriteEndArray();
            json.WriteStartObject("properties");
            json.WriteString("repository", report.Repository);
            json.WriteString("digest", report.Digest);
            json.WriteString("platform", report.Platform);
            json.WriteString("generatedAt", report.GeneratedAt.ToUniversalTime());
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The SARIF level of a severity.</summary>
    public static string Level(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Critical or FindingSeverity.High => "error",
        FindingSeverity.Medium => "warning",
        _ => "note",
    };

    /// <summary>GitHub's <c>security-severity</c>: the score, else the rating's usual score, one decimal.</summary>
    public static string SecuritySeverity(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var score = finding.Score ?? finding.Severity switch
        {
            FindingSeverity.Critical => 9.5,
            FindingSeverity.High => 8.0,
            FindingSeverity.Medium => 5.5,
            FindingSeverity.Low => 2.0,
            _ => 0.0,
        };
        return score.ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static void WriteTool(Utf8JsonWriter json, string version, IEnumerable<Finding> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "Berth");
        json.WriteString("fullName", "Berth vulnerability scanner");
        json.WriteString("version", version);
        json.WriteString("semanticVersion", version);
        json.WriteStartArray("rules");
        foreach (var f in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", f.Id);
            json.WriteString("name", "Vulnerability");
            Message(json, "shortDescription", f.Title ?? f.Id);
            Message(json, "fullDescription", $"{f.Id}: {f.Title ?? "vulnerability"} ({string.Join(", ", f.Ids)})");
            if (f.References.FirstOrDefault(IsAbsoluteUri) is { } helpUri)
            {
                json.WriteString("helpUri", helpUri);
            }

            json.WriteStartObject("help");
            json.WriteString("text", $"{f.Id} ({f.Severity}). {(f.Remediation is { } fix ? fix : "No fixed version is known yet")}. References: {string.Join(" ", f.References)}");
            json.WriteString("markdown", $"**{f.Id}** ({f.Severity})\n\n{(f.Remediation is { } fixMd ? fixMd : "No fixed version is known yet")}.\n\n" + string.Join("\n", f.References.Select(r => $"- <{r}>")));
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(f.Severity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("security-severity", SecuritySeverity(f));
            json.WriteString("precision", "very-high");
            json.WriteStartArray("tags");
            json.WriteStringValue("security");
            json.WriteStringValue("vulnerability");
            json.WriteStringValue(f.Severity.ToString().ToUpperInvariant());
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, ScanReport report, Finding f, int ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", f.Id);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(f.Severity));
        Message(json, "message", $"{f.Package} {f.InstalledVersion} is affected by {f.Id} ({f.Severity}); "
            + (f.FixedVersion is { } fixedVersion ? $"fixed in {fixedVersion}: {f.Remediation}" : "no fix available yet")
            + (f.Layer is { } layer ? $"; added by layer {layer}" : string.Empty));
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", Uri.EscapeDataString(f.Path ?? string.Empty).Replace("%2F", "/", StringComparison.Ordinal));
        json.WriteString("uriBaseId", RootBase);
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", 1);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("name", f.Package);
        json.WriteString("fullyQualifiedName", f.Purl ?? $"{f.Ecosystem}/{f.Package}@{f.InstalledVersion}");
        json.WriteString("kind", "package");
        json.WriteEndObject();
        json.WriteEndArray();
        Message(json, "message", $"{report.Repository}@{report.Digest}: {f.Path ?? f.Package}");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString("berthFinding/v1", $"{f.Id}|{f.Ecosystem}|{f.Package}|{f.InstalledVersion}|{f.Path}");
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("package", f.Package);
        json.WriteString("installedVersion", f.InstalledVersion);
        json.WriteString("fixedVersion", f.FixedVersion);
        json.WriteString("layer", f.Layer);
        json.WriteString("security-severity", SecuritySeverity(f));
        json.WriteStartArray("ids");
        foreach (var id in f.Ids)
        {
            json.WriteStringValue(id);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Message(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static bool IsAbsoluteUri(string text) => Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
