using Berth.Core.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.Server.Hosting;

/// <summary>
/// First start: creates the initial Owner before the server takes requests (nothing is open by default). A
/// generated password is written once to standard error, never through the logger, so it reaches the operator's
/// console but no log file.
/// </summary>
internal sealed class BootstrapHost(IdentityBootstrap bootstrap, ILogger<BootstrapHost> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var owner = await bootstrap.EnsureInitialOwnerAsync(cancellationToken);
        if (owner is null)
        {
            return;
        }

        logger.LogWarning("No users existed: created the initial Owner '{Username}' with role Owner at server scope", owner.Username);
        if (owner.GeneratedPassword is { } password)
        {
            await Console.Error.WriteLineAsync(
                $"""

                 Initial Owner created. This password is shown once and never stored in clear:
                   username: {owner.Username}
                   password: {password}
                 Log in with `berth login`, create your own users, then reset or delete this one.

                """);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
