using Berth.Core.Identity;
using Berth.Core.Registries;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Server.Hosting;

/// <summary>
/// First start: creates the initial Owner before the server takes requests (nothing is open by default). A
/// generated password is written once to standard error, never through the logger, so it reaches the operator's
/// console but no log file. Also warns when the configured default registry does not exist.
/// </summary>
internal sealed class BootstrapHost(IdentityBootstrap bootstrap, IRegistryDirectory registries, IOptions<RegistriesOptions> registryOptions, ILogger<BootstrapHost> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var defaultRegistry = registryOptions.Value.DefaultRegistry;
        if (await registries.FindByNameAsync(defaultRegistry, cancellationToken) is null)
        {
            logger.LogWarning(
                "Berth:Registries:DefaultRegistry '{Registry}' does not exist: requests to host names that are no login server get 404 until it is created",
                defaultRegistry);
        }

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
