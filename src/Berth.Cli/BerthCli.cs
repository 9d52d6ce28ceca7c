using System.CommandLine;
using Berth.Cli.Commands.Admin;
using Berth.Cli.Commands.Advisories;
using Berth.Cli.Commands.Audit;
using Berth.Cli.Commands.Health;
using Berth.Cli.Commands.Gc;
using Berth.Cli.Commands.Login;
using Berth.Cli.Commands.Registries;
using Berth.Cli.Commands.Roles;
using Berth.Cli.Commands.Scans;
using Berth.Cli.Commands.ScopeMaps;
using Berth.Cli.Commands.Serve;
using Berth.Cli.Commands.ServicePrincipals;
using Berth.Cli.Commands.Tokens;
using Berth.Cli.Commands.Users;
using Berth.Cli.Commands.Webhooks;
using Berth.Cli.Runtime;

namespace Berth.Cli;

/// <summary>
/// The <c>berth</c> command tree. <see cref="Build"/> is separate from <c>Main</c> so tests can run commands
/// in-process against a private <see cref="CliEnvironment"/>.
/// </summary>
internal static class BerthCli
{
    public static RootCommand Build(CliEnvironment env) =>
        new("Berth: a self-hosted secure container registry and platform.")
        {
            ServeCommand.Create(),
            GcCommand.Create(env),
            LoginCommand.Create(env),
            LogoutCommand.Create(env),
            UserCommands.Create(env),
            ServicePrincipalCommands.Create(env),
            RegistryCommands.Create(env),
            AdminCommands.Create(env),
            TokenCommands.Create(env),
            ScopeMapCommands.Create(env),
            RoleCommands.Create(env),
            AdvisoryCommands.Create(env),
            AuditCommands.Create(env),
            CheckHealthCommand.Create(env),
            WebhookCommands.Create(env),
            ScanCommands.Create(env),
        };

    /// <summary>Parses and runs <paramref name="args"/>; usage errors print the problem and exit with <see cref="ExitCodes.Usage"/>.</summary>
    public static async Task<int> InvokeAsync(string[] args, CliEnvironment env, CancellationToken ct = default)
    {
        var parse = Build(env).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await env.Error.WriteLineAsync($"{CliAction.CommandPath(parse)}: {error.Message}");
            }

            await env.Error.WriteLineAsync($"  hint: see `{CliAction.CommandPath(parse)} --help`");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = env.Out, Error = env.Error }, ct);
    }
}
