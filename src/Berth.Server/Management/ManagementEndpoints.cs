using System.Net;
using Berth.Core.Gc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Server.Management;

/// <summary>
/// The management API (<c>/api/v1</c>). Until identities exist, it answers only callers on the loopback
/// interface, so an exposed server cannot be administered from the network.
/// </summary>
public static class ManagementEndpoints
{
    public static IEndpointRouteBuilder MapManagement(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
                ? await next(context)
                : Results.Problem("the management API is only served to loopback callers", statusCode: StatusCodes.Status403Forbidden));
        api.MapPost("/gc", RunGcAsync);
        return app;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", () => Results.Text("ready"));
        return app;
    }

    private static async Task<IResult> RunGcAsync(HttpContext context, GarbageCollector collector, bool? dryRun)
    {
        var report = await collector.RunAsync(dryRun ?? false, context.RequestAborted);
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
