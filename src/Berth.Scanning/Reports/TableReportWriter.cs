using System.Text;
using Berth.Core.Scanning;

namespace Berth.Scanning.Reports;

/// <summary>
/// Renders a report as a plain-text table for terminals: a header (image, platform, OS, counts per severity),
/// then one row per finding in report order — SEVERITY, ID, PACKAGE, INSTALLED, FIXED, LAYER (12 hex digits).
/// Columns are padded to their widest cell; a missing fix shows <c>-</c>. Pure; never throws for non-null input.
/// </summary>
public static class TableReportWriter
{
    private static readonly string[] Headers = ["SEVERITY", "ID", "PACKAGE", "INSTALLED", "FIXED", "LAYER"];

    public static string Render(ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append("Image:    ").Append(report.Repository).Append('@').AppendLine(report.Digest);
        if (report.Platform is not null || report.OperatingSystem is not null)
        {
            text.Append("Platform: ").Append(report.Platform ?? "-").Append("   OS: ").AppendLine(report.OperatingSystem ?? "-");
        }

        text.Append("Scanned:  ").Append(report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'")).Append(", ")
            .Append(report.Components).AppendLine(" components");
        text.Append("Findings: ").Append(report.Findings.Count).Append(" (")
            .AppendJoin(", ", report.CountsBySeverity().Where(c => c.Value > 0).Select(c => $"{c.Key}: {c.Value}"))
            .Append(report.Findings.Count == 0 ? "none" : string.Empty)
            .Append("), fixable: ").Append(report.Findings.Count(f => f.Fixable)).AppendLine();
        if (report.Findings.Count == 0)
        {
            return text.ToString();
        }

        var rows = report.Findings.Select(Row).Prepend(Headers).ToArray();
        var widths = Enumerable.Range(0, Headers.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        text.AppendLine();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                text.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string[] Row(Finding f) =>
    [
        f.Severity.ToString().ToUpperInvariant(),
        f.Id,
        f.SourcePackage is { } source ? $"{f.Package} ({source})" : f.Package,
        f.InstalledVersion,
        f.FixedVersion ?? "-",
        ShortLayer(f.Layer),
    ];

    private static string ShortLayer(string? layer)
    {
        if (layer is null)
        {
            return "-";
        }

        var colon = layer.IndexOf(':', StringComparison.Ordinal);
        var hex = colon >= 0 ? layer[(colon + 1)..] : layer;
        return hex.Length > 12 ? hex[..12] : hex;
    }
}
