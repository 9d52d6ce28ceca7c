using Berth.Core.Events;
using Microsoft.Extensions.Hosting;

namespace Berth.Server.Hosting;

/// <summary>Starts the outbox consumers with the server and stops them with it.</summary>
internal sealed class EventHost(EventConsumerRunner runner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        runner.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await runner.DisposeAsync();
}
