using System.CommandLine;
using Berth.Cli.Auth;
using Berth.Cli.Http;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.Login;

/// <summary><c>berth logout &lt;server&gt;</c>: removes the stored login from Docker's and Podman's auth files (or the one given).</summary>
internal static class LogoutCommand
{
    public static Command Create(CliEnvironment env)
    {
        var server = new Argument<string>("server") { Description = "Berth server: host[:port] or http(s)://host[:port]" };
        var authFile = new Option<string?>("--auth-file") { Description = "Remove it from this auth file only" };
        var command = new Command("logout", "Remove the stored login for a server") { server, authFile };
        CliAction.Set(command, env, async (parse, ct) =>
        {
            var address = ServerAddress.Parse(parse.GetValue(server)!);
            var removed = false;
            foreach (var file in StoredLogins.Load(env, parse.GetValue(authFile)))
            {
                if (file.Remove(address.Key))
                {
                    file.Save();
                    removed = true;
                    await env.Out.WriteLineAsync($"Removed the login for {address.Key} from {file.Path}");
                }
            }

            if (!removed)
            {
                await env.Out.WriteLineAsync($"Not logged in to {address.Key}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
