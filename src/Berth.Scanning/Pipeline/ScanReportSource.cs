using System.Text;
using System.Text.Json;
using Berth.Core.Scanning;
using Berth.Scanning.Reports;
using Microsoft.Extensions.Options;

namespace Berth.Scanning.Pipeline;

/// <summary>
/// <see cref="IScanReportSource"/> over the scan store, the matcher's report renderers and the <see cref="ScanQueue"/>.
/// An index's platforms are rendered one after another (JSON array, table sections) or as one SARIF log.
/// </summary>
public sealed class ScanReportSource(IScanStore store, ScanQueue queue, IOptions<ScanningOptions> options) : IScanReportSource
{
    public Task<ScanRecord?> GetAsync(ScanTarget target, CancellationToken ct) => store.GetAsync(target, ct);

    public Task<IReadOnlyList<ScanRecord>> ListAsync(long registryId, string repository, CancellationToken ct) => store.ListAsync(registryId, repository, ct);

    public JsonElement RenderJson(ScanRecord record)
    {
        var text = new StringBuilder("[");
        foreach (var report in ReportJson.Read(record.ReportJson))
        {
            text.Append(text.Length > 1 ? "," : "").Append(Encoding.UTF8.GetString(JsonReportWriter.Render(report, indented: false)));
        }

        using var doc = JsonDocument.Parse(text.Append(']').ToString());
        return doc.RootElement.Clone();
    }

    public string RenderSarif(ScanRecord record)
    {
        var report = ReportJson.Combine(record.Target, ReportJson.Read(record.ReportJson))
            ?? new ScanReport { Repository = record.Target.Repository, Digest = record.Target.Manifest.ToString() };
        return Encoding.UTF8.GetString(SarifReportWriter.Render(report));
    }

    public string RenderTable(ScanRecord record)
    {
        var reports = ReportJson.Read(record.ReportJson);
        var text = new StringBuilder();
        text.Append("Status:   ").Append(record.Status.ToString().ToLowerInvariant());
        if (record.Error is { } error)
        {
            text.Append(" (").Append(error).Append(')');
        }

        text.AppendLine();
        if (reports.Count == 0)
        {
            return text.AppendLine(record.HasReport ? "No platform images." : "No completed scan yet.").ToString();
        }

        foreach (var report in reports)
        {
            text.AppendLine().Append(TableReportWriter.Render(report));
        }

        return text.ToString();
    }

    public async Task<bool> QueueAsync(ScanTarget target, CancellationToken ct) =>
        options.Value.Enabled && await queue.QueueAsync(target, null, ct);
}
