using System.Diagnostics;
using System.Diagnostics.Metrics;
using Berth.Api.Oci;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Observability;

/// <summary>
/// HTTP metrics on the <c>Berth.Http</c> meter: requests, latency and bytes by route template (the OCI endpoint,
/// never the raw path, so repository names and digests cannot explode the label set), method and status.
/// Bytes are the declared lengths: Content-Length of requests (chunked bodies are counted as they are read) and
/// of responses (HEAD sends none). Thread-safe; one instance per server.
/// </summary>
public sealed class RequestMetrics
{
    public const string MeterName = "Berth.Http";
    private const string OciPattern = "/v2/{**path}";

    // Seconds; the OpenTelemetry defaults are for milliseconds and would put every registry request in one bucket.
    private static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
    private static readonly string[] Methods = ["GET", "HEAD", "PUT", "POST", "PATCH", "DELETE", "OPTIONS"];
    private static readonly object[] StatusLabels = Enumerable.Range(0, 600).Select(s => (object)s.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _received;
    private readonly Counter<long> _sent;

    public RequestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("berth.http.requests", "{request}", "HTTP requests by route template, method and status");
        _duration = meter.CreateHistogram("berth.http.request.duration", "s", "Time to answer HTTP requests", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        _received = meter.CreateCounter<long>("berth.http.received", "By", "Request body bytes received");
        _sent = meter.CreateCounter<long>("berth.http.sent", "By", "Response body bytes sent");
    }

    /// <summary>The route label of an OCI path: its endpoint's template.</summary>
    public static string OciTemplate(OciRouteKind kind) => kind switch
    {
        OciRouteKind.Base => "/v2/",
        OciRouteKind.Catalog => "/v2/_catalog",
        OciRouteKind.Tags => "/v2/{name}/tags/list",
        OciRouteKind.Manifest => "/v2/{name}/manifests/{reference}",
        OciRouteKind.Blob => "/v2/{name}/blobs/{digest}",
        OciRouteKind.UploadStart => "/v2/{name}/blobs/uploads/",
        OciRouteKind.Upload => "/v2/{name}/blobs/uploads/{uuid}",
        OciRouteKind.Referrers => "/v2/{name}/referrers/{digest}",
        _ => "/v2/unknown",
    };

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var request = context.Request;
        CountingStream? counted = null;
        if (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0)
        {
            counted = new CountingStream(request.Body);
            request.Body = counted;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Record(context, started, counted);
        }
    }

    private void Record(HttpContext context, long started, CountingStream? counted)
    {
        var method = Array.IndexOf(Methods, context.Request.Method) is var i and >= 0 ? Methods[i] : "OTHER";
        var status = context.Response.StatusCode;
        var tags = new TagList
        {
            { "http.route", RouteOf(context) },
            { "http.request.method", method },
            { "http.response.status_code", status is >= 0 and < 600 ? StatusLabels[status] : "other" },
        };
        _requests.Add(1, tags);
        _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        var received = counted?.Count ?? context.Request.ContentLength ?? 0;
        if (received > 0)
        {
            _received.Add(received, tags);
        }

        if (context.Response.ContentLength is > 0 and var sent && method != "HEAD")
        {
            _sent.Add(sent, tags);
        }
    }

    private static string RouteOf(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return "unmatched";
        }

        var pattern = endpoint.RoutePattern.RawText ?? "unmatched";
        if (pattern == OciPattern)
        {
            return OciTemplate(OciRoute.Parse(context.Request.RouteValues["path"] as string).Kind);
        }

        return pattern;
    }
}
