using System.Text.Json;
using Berth.Core.Scanning;

namespace Berth.Scanning.Reports;

/// <summary>Reads a <see cref="JsonReportWriter"/> document back (for stored reports and the CLI).</summary>
public static class JsonReportReader
{
    /// <summary>Reads a report; throws <see cref="JsonException"/> when the document is not a <c>berth.scan-report/v1</c>.</summary>
    public static ScanReport Read(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || Text(root, "schema") != JsonReportWriter.Schema)
        {
            throw new JsonException($"not a {JsonReportWriter.Schema} document");
        }

        return new ScanReport
        {
            Repository = Text(root, "repository") ?? string.Empty,
            Digest = Text(root, "digest") ?? string.Empty,
            Platform = Text(root, "platform"),
            OperatingSystem = Text(root, "operatingSystem"),
            GeneratedAt = root.GetProperty("generatedAt").GetDateTimeOffset(),
            Components = root.GetProperty("components").GetInt32(),
            Findings = root.GetProperty("findings").EnumerateArray().Select(ReadFinding).ToArray(),
        };
    }

    private static Finding ReadFinding(JsonElement f) => new()
    {
        Id = Text(f, "id") ?? throw new JsonException("a finding has an id"),
        Ids = Strings(f, "ids"),
        Advisories = Strings(f, "advisories"),
        Severity = Enum.TryParse<FindingSeverity>(Text(f, "severity"), ignoreCase: true, out var severity) ? severity : FindingSeverity.Unknown,
        Score = f.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number ? score.GetDouble() : null,
        Vector = Text(f, "vector"),
        SeveritySource = Text(f, "severitySource"),
        Package = Text(f, "package") ?? string.Empty,
        SourcePackage = Text(f, "sourcePackage"),
        Ecosystem = Text(f, "ecosystem") ?? string.Empty,
        Purl = Text(f, "purl"),
        InstalledVersion = Text(f, "installedVersion") ?? string.Empty,
        FixedVersion = Text(f, "fixedVersion"),
        Layer = Text(f, "layer"),
        Path = Text(f, "path"),
        Title = Text(f, "title"),
        References = Strings(f, "references"),
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string[] Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray()
            : [];
}
