using System.Text.Json;
using Berth.Core.Scanning;

namespace Berth.Scanning.Reports;

/// <summary>
/// The stable JSON shape of a report (<c>berth.scan-report/v1</c>, documented in docs/scanning.md): fixed property
/// order, camelCase, severities lowercase, nulls written as <c>null</c>, lists always present.
/// <see cref="JsonReportReader"/> reads it back.
/// </summary>
public static class JsonReportWriter
{
    public const string Schema = "berth.scan-report/v1";

    public static byte[] Render(ScanReport report, bool indented = true)
    {
        using var buffer = new MemoryStream();
        Write(buffer, report, indented);
        return buffer.ToArray();
    }

    public static void Write(Stream output, ScanReport report, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented });
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("repository", report.Repository);
        json.WriteString("digest", report.Digest);
        json.WriteString("platform", report.Platform);
        json.WriteString("operatingSystem", report.OperatingSystem);
        json.WriteString("generatedAt", report.GeneratedAt.ToUniversalTime());
        json.WriteNumber("components", report.Components);
        json.WriteStartObject("summary");
        json.WriteNumber("total", report.Findings.Count);
        json.WriteNumber("fixable", report.Findings.Count(f => f.Fixable));
        foreach (var (severity, count) in report.CountsBySeverity())
        {
            json.WriteNumber(Name(severity), count);
        }

        json.WriteEndObject();
        json.WriteStartArray("findings");
        foreach (var finding in report.Findings)
        {
            WriteFinding(json, finding);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The JSON name of a severity: <c>critical</c>, <c>high</c>, <c>medium</c>, <c>low</c>, <c>none</c>, <c>unknown</c>.</summary>
    public static string Name(FindingSeverity severity) => severity.ToString().ToLowerInvariant();

    private static void WriteFinding(Utf8JsonWriter json, Finding f)
    {
        json.WriteStartObject();
        json.WriteString("id", f.Id);
        Strings(json, "ids", f.Ids);
        Strings(json, "advisories", f.Advisories);
        json.WriteString("severity", Name(f.Severity));
        if (f.Score is { } score)
        {
            json.WriteNumber("score", score);
        }
        else
        {
            json.WriteNull("score");
        }

        json.WriteString("vector", f.Vector);
        json.WriteString("severitySource", f.SeveritySource);
        json.WriteString("package", f.Package);
        json.WriteString("sourcePackage", f.SourcePackage);
        json.WriteString("ecosystem", f.Ecosystem);
        json.WriteString("purl", f.Purl);
        json.WriteString("installedVersion", f.InstalledVersion);
        json.WriteString("fixedVersion", f.FixedVersion);
        json.WriteBoolean("fixable", f.Fixable);
        json.WriteString("remediation", f.Remediation);
        json.WriteString("layer", f.Layer);
        json.WriteString("path", f.Path);
        json.WriteString("title", f.Title);
        Strings(json, "references", f.References);
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
