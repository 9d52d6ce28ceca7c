using System.Text.Json;

namespace Berth.Core.Scanning;

/// <summary>
/// What the scan endpoints need from the scanner (implemented where the report renderers live): records, the
/// stored report rendered as JSON, SARIF 2.1.0 or a text table, and queuing a scan. Thread-safe.
/// </summary>
public interface IScanReportSource
{
    Task<ScanRecord?> GetAsync(ScanTarget target, CancellationToken ct);

    Task<IReadOnlyList<ScanRecord>> ListAsync(long registryId, string repository, CancellationToken ct);

    /// <summary>The report per platform as a JSON array (empty before the first completed scan).</summary>
    JsonElement RenderJson(ScanRecord record);

    /// <summary>One SARIF 2.1.0 log of all platforms' findings.</summary>
    string RenderSarif(ScanRecord record);

    string RenderTable(ScanRecord record);

    /// <summary>Queues a scan; false when the manifest is not scannable or scanning is off.</summary>
    Task<bool> QueueAsync(ScanTarget target, CancellationToken ct);
}
