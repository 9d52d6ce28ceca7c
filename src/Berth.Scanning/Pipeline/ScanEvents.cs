using System.Text.Json;
using Berth.Core.Events;
using Berth.Core.Metadata;
using Berth.Core.Scanning;
using Berth.Scanning.Findings;
using Microsoft.Extensions.Options;

namespace Berth.Scanning.Pipeline;

/// <summary>
/// The scanner's events in the outbox (for webhooks and audit): <c>scan_completed</c> after every completed scan,
/// and <c>vulnerability_found</c> when a rescan or re-evaluation finds what the previous report did not have, for an
/// image in use — pulled or pushed within <see cref="ScanningOptions.InUseWithin"/>. A first scan reports its
/// findings in <c>scan_completed</c> only.
/// </summary>
public sealed class ScanEvents(IEventOutbox outbox, IManifestActivity activity, IOptions<ScanningOptions> options, TimeProvider time)
{
    /// <summary>Most findings listed in one <c>vulnerability_found</c> event (the count covers all).</summary>
    public const int MaxListed = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task CompletedAsync(ScanTarget target, ManifestRecord manifest, ScanRecord? previous, IReadOnlyList<ScanReport> reports, SeverityCounts counts, long advisoryVersion, CancellationToken ct)
    {
        var eventTarget = new EventTarget(target.Repository, target.Manifest.ToString(), manifest.MediaType, manifest.Size);
        var summary = JsonSerializer.Serialize(new
        {
            status = "completed",
            counts.Critical,
            counts.High,
            counts.Medium,
            counts.Low,
            counts.Unknown,
            platforms = reports.Select(r => r.Platform).ToList(),
            advisoryVersion,
        }, Json);
        await outbox.AppendAsync(new NewEvent(target.RegistryId, EventActions.ScanCompleted, eventTarget, Actor: ScanningActors.Scanner, Data: summary), ct);

        if (previous is not { HasReport: true })
        {
            return;
        }

        var before = ReportJson.Read(previous.ReportJson).SelectMany(r => r.Findings).ToList();
        var added = Reevaluation.NewFindings(before, reports.SelectMany(r => r.Findings).ToList());
        if (added.Count == 0 || !await InUseAsync(target, ct))
        {
            return;
        }

        var data = JsonSerializer.Serialize(new
        {
            count = added.Count,
            findings = added.Take(MaxListed).Select(f => new { f.Id, severity = f.Severity.ToString(), f.Package, f.InstalledVersion, f.FixedVersion }),
        }, Json);
        await outbox.AppendAsync(new NewEvent(target.RegistryId, EventActions.VulnerabilityFound, eventTarget, Actor: ScanningActors.Scanner, Data: data), ct);
    }

    private async Task<bool> InUseAsync(ScanTarget target, CancellationToken ct)
    {
        var since = time.GetUtcNow() - options.Value.InUseWithin;
        return await activity.GetLastPulledAtAsync(target, ct) >= since || await activity.GetPushedAtAsync(target, ct) >= since;
    }
}
