using Berth.Api.Management.Audit;
using Berth.Core.Gc;
using Berth.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.Gc;

/// <summary><c>POST /api/v1/gc?dryRun=</c>: runs garbage collection now and reports what it freed.</summary>
public static class GcEndpoints
{
    public static RouteGroupBuilder MapGc(this RouteGroupBuilder api)
    {
        api.MapPost("/gc", RunAsync).RequiresOnServer(ResourcePermission.Manage).WithTags("gc").WithName("RunGc");
        return api;
    }

    public static async Task<IResult> RunAsync(bool? dryRun, ManagementCaller caller, GarbageCollector collector, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var report = await collector.RunAsync(dryRun ?? false, ct);
        await AuditEndpoints.RecordAsync(audit, time, caller, "gc.run", null, detail: report.DryRun ? "dry run" : $"{report.BytesFreed} bytes freed");
        return Results.Json(new
        {
            report.DryRun,
            report.UntaggedManifests,
            report.UnreferencedLinks,
            report.Blobs,
            report.BlobBytes,
            report.OrphanObjects,
            report.OrphanBytes,
            report.ExpiredUploads,
            report.UploadBytes,
            report.BytesFreed,
            DurationMs = report.Duration.TotalMilliseconds,
        });
    }
}
