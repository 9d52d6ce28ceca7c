using Berth.Core.Events;
using Berth.Core.Jobs;
using Berth.Core.Scanning;
using Berth.Scanning.Advisories.Storage;
using Berth.Scanning.Findings;
using Berth.Scanning.Inventory;
using Berth.Scanning.Pipeline;
using Berth.Scanning.Sbom;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Berth.Server.Hosting;

/// <summary>Composition of vulnerability scanning: policies, the pull gate, the scan queue and its triggers.</summary>
internal static class ScanningRegistration
{
    public static IServiceCollection AddBerthScanning(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<ScanningOptions>().Bind(config.GetSection(ScanningOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScanningOptions>, ScanningOptionsValidator>();
        services.AddSingleton<ScanPolicyService>()
            .AddSingleton<PullActivity>()
            .AddSingleton<IScheduledJob>(sp => sp.GetRequiredService<PullActivity>())
            .AddSingleton<ScanStateCache>()
            .AddSingleton<IPullGate, ScanPullGate>()
            .AddSingleton(sp => ImageInventory.CreateDefault())
            .AddSingleton<ImageSbomGenerator>()
            .AddSingleton(sp => new AdvisoryMatcher(sp.GetRequiredService<IAdvisoryStore>()))
            .AddSingleton<SbomReferrers>()
            .AddSingleton<ScanEvents>()
            .AddSingleton<IManifestScanner, ManifestScanner>()
            .AddSingleton<PushYield>()
            .AddSingleton<ScanQueue>()
            .AddSingleton<ScanWorkers>()
            .AddSingleton<IScanReportSource, ScanReportSource>()
            .AddSingleton<IEventConsumer, ScanTriggerConsumer>()
            .AddSingleton<IScheduledJob, RescanJob>()
            .AddSingleton<IScheduledJob, AdvisoryReevaluationJob>()
            .AddHostedService<ScanHost>();
        return services;
    }
}

/// <summary>Starts the scan workers with the server and stops them with it.</summary>
internal sealed class ScanHost(ScanWorkers workers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        workers.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await workers.DisposeAsync();
}
