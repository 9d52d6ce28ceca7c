using Berth.Core.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Server.Management;

/// <summary>
/// Liveness and readiness probes (unauthenticated; they reveal no content). <c>/healthz</c>: the process answers.
/// <c>/readyz</c>: every <see cref="IReadinessProbe"/> passes (database reachable with migrations applied, storage
/// writable) — 200 <c>{"status":"ready","checks":{...}}</c>, else 503 with each failing check's reason.
/// </summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok")).ExcludeFromDescription();
        app.MapGet("/readyz", ReadyAsync).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> ReadyAsync(IEnumerable<IReadinessProbe> probes, CancellationToken ct)
    {
        var checks = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var ready = true;
        foreach (var probe in probes)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ProbeTimeout);
            string? failure;
            try
            {
                failure = await probe.CheckAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                failure = $"no answer within {ProbeTimeout.TotalSeconds:0} s";
            }

            ready &= failure is null;
            checks[probe.Name] = failure ?? "ok";
        }

        return Results.Json(new { status = ready ? "ready" : "not ready", checks }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
