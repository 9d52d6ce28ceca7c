using Berth.Core.Jobs;
using Microsoft.Extensions.Hosting;

namespace Berth.Server.Hosting;

/// <summary>Starts and stops the job scheduler with the server.</summary>
internal sealed class JobHost(JobScheduler scheduler) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        scheduler.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await scheduler.DisposeAsync();
}
