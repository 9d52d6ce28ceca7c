using Berth.Api.Management.Audit;
using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Core.Jobs;
using Berth.Scanning.Advisories.Import;
using Berth.Scanning.Advisories.Storage;
using Berth.Scanning.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.Advisories;

/// <summary>
/// <c>POST /api/v1/advisories/imports</c> (import a path the SERVER reads, or an http(s) URL the server downloads;
/// Manage at server scope: Owner and Contributor) and <c>GET /api/v1/advisories/status</c> (sources, counts, ages;
/// Read at server scope). An import is atomic: when it fails nothing is changed.
/// </summary>
public static class AdvisoryEndpoints
{
    public static RouteGroupBuilder MapAdvisories(this RouteGroupBuilder api)
    {
        var advisories = api.MapGroup("/advisories").WithTags("advisories");
        advisories.MapPost("/imports", ImportAsync).RequiresOnServer(ResourcePermission.Manage).WithName("ImportAdvisories");
        advisories.MapGet("/status", StatusAsync).RequiresOnServer(ResourcePermission.Read).WithName("GetAdvisoryStatus");
        return api;
    }

    public static async Task<IResult> ImportAsync(
        ImportRequest body, ManagementCaller caller, AdvisoryImporter importer, IAuditLog audit, TimeProvider time, JobScheduler jobs, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Source))
        {
            return ApiErrors.Invalid("source is required: a path on the server (file, directory or zip) or an http(s) URL");
        }

        var report = await importer.ImportAsync(body.Source.Trim(), ct);
        if (report.Failure is { } failure)
        {
            await AuditEndpoints.RecordAsync(audit, time, caller, "advisories.import", report.Origin, success: false, detail: failure.ToString());
            return ApiErrors.Invalid($"import of {report.Origin} failed and changed nothing: {failure}");
        }

        // Images whose SBOM holds a changed package are re-matched now, not at the re-evaluation job's next interval.
        jobs.Wake(AdvisoryReevaluationJob.JobName);
        await AuditEndpoints.RecordAsync(audit, time, caller, "advisories.import", report.Origin,
            detail: $"import {report.ImportId}: {report.Added} added, {report.Updated} updated, {report.Removed} removed, {report.Unchanged} unchanged");
        return Results.Ok(new ImportView(
            report.Origin,
            report.ImportId!.Value,
            report.AdvisoriesRead,
            report.Added,
            report.Updated,
            report.Removed,
            report.Unchanged,
            report.ChangedPackages.Count,
            report.AdvisoriesBySource,
            report.DocumentsByFormat,
            report.IgnoredDocuments,
            report.Skipped,
            Math.Round(report.Elapsed.TotalMilliseconds)));
    }

    public static async Task<IResult> StatusAsync(IAdvisoryStore store, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var sources = await store.GetSourcesAsync(ct);
        var views = sources.Select(s => new SourceView(
            s.Name, s.Advisories, s.Withdrawn, s.Packages, s.LastImportId, s.LastImportAt, Seconds(now - s.LastImportAt),
            s.LastChangedAt, s.NewestData, s.DataAge(now) is { } age ? Seconds(age) : null)).ToArray();
        var last = sources.Count == 0 ? null : sources.MaxBy(s => s.LastImportId);
        return Results.Ok(new StatusView(
            views.Sum(s => s.Advisories),
            views.Sum(s => s.Withdrawn),
            last?.LastImportId,
            last?.LastImportAt,
            last is null ? null : Seconds(now - last.LastImportAt),
            views));
    }

    private static long Seconds(TimeSpan span) => (long)Math.Max(0, span.TotalSeconds);

    /// <param name="Source">A path the server reads (file, directory, zip) or an http(s) URL the server downloads.</param>
    public sealed record ImportRequest(string? Source);

    public sealed record ImportView(
        string Origin,
        long ImportId,
        int AdvisoriesRead,
        int Added,
        int Updated,
        int Removed,
        int Unchanged,
        int ChangedPackages,
        IReadOnlyDictionary<string, int> AdvisoriesBySource,
        IReadOnlyDictionary<string, int> DocumentsByFormat,
        int IgnoredDocuments,
        IReadOnlyDictionary<string, int> Skipped,
        double ElapsedMs);

    public sealed record SourceView(
        string Name,
        int Advisories,
        int Withdrawn,
        int Packages,
        long LastImportId,
        DateTimeOffset LastImportAt,
        long LastImportAgeSeconds,
        DateTimeOffset? LastChangedAt,
        DateTimeOffset? NewestData,
        long? DataAgeSeconds);

    public sealed record StatusView(
        int Advisories,
        int Withdrawn,
        long? LastImportId,
        DateTimeOffset? LastImportAt,
        long? LastImportAgeSeconds,
        IReadOnlyList<SourceView> Sources);
}
