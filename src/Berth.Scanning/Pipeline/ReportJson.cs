using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Core.Scanning;

namespace Berth.Scanning.Pipeline;

/// <summary>The stored form of a manifest's report: one <see cref="ScanReport"/> per platform image, as JSON.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(IReadOnlyList<ScanReport> reports) => JsonSerializer.Serialize(reports, Options);

    /// <summary>The reports, or empty for null text.</summary>
    public static IReadOnlyList<ScanReport> Read(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<ScanReport>>(json, Options) ?? [];

    /// <summary>Findings counted by severity (a finding counts once per platform it appears in).</summary>
    public static SeverityCounts Count(IEnumerable<ScanReport> reports)
    {
        int critical = 0, high = 0, medium = 0, low = 0, unknown = 0;
        foreach (var f in reports.SelectMany(r => r.Findings))
        {
            switch (f.Severity)
            {
                case FindingSeverity.Critical: critical++; break;
                case FindingSeverity.High: high++; break;
                case FindingSeverity.Medium: medium++; break;
                case FindingSeverity.Low or FindingSeverity.None: low++; break;
                default: unknown++; break;
            }
        }

        return new SeverityCounts(critical, high, medium, low, unknown);
    }

    /// <summary>All platforms' findings as one report (what the gate judges when an index is pulled).</summary>
    public static ScanReport? Combine(ScanTarget target, IReadOnlyList<ScanReport> reports) => reports.Count switch
    {
        0 => null,
        1 => reports[0],
        _ => new ScanReport
        {
            Repository = target.Repository,
            Digest = target.Manifest.ToString(),
            GeneratedAt = reports.Max(r => r.GeneratedAt),
            Components = reports.Sum(r => r.Components),
            Findings = ScanReport.Sort(reports.SelectMany(r => r.Findings)),
        },
    };
}
