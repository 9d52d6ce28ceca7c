using Berth.Api.Observability;
using Berth.Core.Gc;
using Berth.Core.Identity.Audit;
using Berth.Core.Registry;
using Berth.Server.Management;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Berth.Server.Hosting;

/// <summary>
/// Metrics, audit writer and probes: every <c>Berth.*</c> meter (including <c>Berth.Webhooks</c>) exported in the
/// Prometheus text format at <c>/metrics</c> behind <see cref="MetricsAccess"/>, plus <c>/healthz</c> and <c>/readyz</c>.
/// </summary>
internal static class Observability
{
    public static IServiceCollection AddBerthObservability(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<MetricsOptions>().Bind(config.GetSection(MetricsOptions.Section));
        services.AddBerthAudit(config);
        services.AddHostedService<AuditWriterHost>();
        services.AddSingleton<RequestMetrics>();
        services.AddSingleton<GcMetrics>();
        services.AddSingleton<RegistryMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Berth.*")
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>Times every request, then maps the probes and the scrape endpoint.</summary>
    public static WebApplication UseBerthObservability(this WebApplication app)
    {
        var requests = app.Services.GetRequiredService<RequestMetrics>();
        app.Use((context, next) => requests.InvokeAsync(context, next));
        // Observable gauges exist once their owner does; create it before the first scrape.
        app.Services.GetRequiredService<RegistryMetrics>();
        app.MapHealth();
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, configureBranchedPipeline: branch => branch.Use(MetricsAccess.InvokeAsync), optionsName: null);
        return app;
    }
}
