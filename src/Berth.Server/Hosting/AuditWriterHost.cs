using Berth.Core.Identity.Audit;
using Microsoft.Extensions.Hosting;

namespace Berth.Server.Hosting;

/// <summary>Runs the data-plane audit writer for the server's lifetime; on stop it writes what is still queued.</summary>
internal sealed class AuditWriterHost(AuditQueue queue) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => queue.RunAsync(stoppingToken);
}
