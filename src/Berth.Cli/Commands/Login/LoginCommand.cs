using System.CommandLine;
using Berth.Cli.Auth;
using Berth.Cli.Http;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.Login;

/// <summary>
/// <c>berth login &lt;server&gt;</c>: exchanges a user name + password (or service principal app id + secret) for a
/// refresh token and stores it where Docker and Podman look (<c>identitytoken</c> in the auth file), so
/// <c>docker/podman pull</c> and later <c>berth</c> commands use it until it expires.
/// </summary>
internal static class LoginCommand
{
    public static Command Create(CliEnvironment env)
    {
        var server = new Argument<string>("server") { Description = "Berth server: host[:port] or http(s)://host[:port]" };
        var username = new Option<string?>("--username", "-u") { Description = "User name (or app id with --service-principal)" };
        var password = new Option<string?>("--password", "-p") { Description = "Password or client secret (insecure on a shared machine; prefer --password-stdin)" };
        var stdin = new Option<bool>("--password-stdin") { Description = "Read the password or client secret from standard input" };
        var sp = new Option<bool>("--service-principal") { Description = "Log in as a service principal: --username is its app id, the password a client secret" };
        var authFile = new Option<string?>("--auth-file") { Description = "Store the login in this auth file instead of Docker's config.json" };
        var podman = new Option<bool>("--podman") { Description = "Also store it in Podman's auth.json (${REGISTRY_AUTH_FILE:-$XDG_RUNTIME_DIR/containers/auth.json})" };
        var command = new Command("login", "Log in to a Berth server and store the login for berth, docker and podman")
        {
            server, username, password, stdin, sp, authFile, podman,
        };
        CliAction.Set(command, env, async (parse, ct) =>
        {
            var address = ServerAddress.Parse(parse.GetValue(server)!);
            var who = parse.GetValue(sp) ? "App id" : "Username";
            var user = parse.GetValue(username) ?? (env.Interactive ? Prompts.Text(env, who) : throw CliException.Usage($"give --username ({who.ToLowerInvariant()})"));
            var secret = ReadPassword(env, parse.GetValue(password), parse.GetValue(stdin), parse.GetValue(sp) ? "Client secret" : "Password");

            using var http = Connection.CreateHttp(env, address, TimeSpan.FromSeconds(100));
            var endpoint = await TokenClient.DiscoverAsync(http, address, ct);
            var grant = await TokenClient.PasswordAsync(http, endpoint, user, secret, scope: null, offline: true, ct);
            if (grant.RefreshToken is null)
            {
                throw new CliException(ExitCodes.Failed, $"{address.Key} accepted the credentials but issued no refresh token; is it a Berth server?");
            }

            var paths = new List<string> { parse.GetValue(authFile) ?? AuthFileLocations.Docker(env) };
            if (parse.GetValue(podman) && !paths.Contains(AuthFileLocations.Podman(env)))
            {
                paths.Add(AuthFileLocations.Podman(env));
            }

            var expires = JwtExpiry.Read(grant.RefreshToken);
            foreach (var path in paths)
            {
                var file = AuthFile.Load(path);
                file.SetIdentityToken(address.Key, grant.RefreshToken);
                file.Save();
                if (file.CredentialHelperFor(address.Key) is { } helper)
                {
                    env.Warn($"{path} configures the credential helper '{helper}'; docker will ask it instead of this login.");
                }

                await env.Out.WriteLineAsync($"Stored the login for {address.Key} in {path}" + (expires is { } e ? $" (valid until {e:yyyy-MM-dd HH:mm}Z)" : ""));
            }

            await env.Out.WriteLineAsync("Login Succeeded");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string ReadPassword(CliEnvironment env, string? password, bool stdin, string what)
    {
        if (stdin)
        {
            return password is null ? Prompts.FromStdin(env) : throw CliException.Usage("use either --password or --password-stdin, not both");
        }

        if (password is not null)
        {
            env.Warn("a password on the command line can be read by other users of this machine; use --password-stdin.");
            return password;
        }

        return env.Interactive ? Prompts.Secret(env, what) : throw CliException.Usage("give --password-stdin (or --password)");
    }
}
