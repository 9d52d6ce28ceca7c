using System.CommandLine;
using System.Text.Json;
using Berth.Cli.Auth;
using Berth.Cli.Http;
using Berth.Cli.Runtime;
using Spectre.Console;

namespace Berth.Cli.Commands.Health;

/// <summary>
/// <c>berth check-health</c> (like <c>az acr check-health</c>): runs every probe of <see cref="HealthProbes"/> and prints a
/// table or JSON. Exit code: 0 when nothing failed (warnings allowed), 3 when the server cannot be reached, 4 when
/// only the login failed, 1 for any other failure.
/// </summary>
internal static class CheckHealthCommand
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("check-health", "Check a Berth server: reachable, TLS, clock, auth flow, storage writable");
        var output = new Option<string>("--output", "-o") { Description = "Output format: table, json", DefaultValueFactory = _ => "table" };
        output.AcceptOnlyFromAmong("table", "json");
        command.Options.Add(output);
        var connection = new Connection();
        connection.AddTo(command);
        CliAction.Set(command, env, async (parse, ct) =>
        {
            var logins = StoredLogins.Load(env, parse.GetValue(connection.AuthFile));
            var server = Connection.ResolveServer(parse.GetValue(connection.Server) ?? env.Variable("BERTH_SERVER"), logins);
            using var http = Connection.CreateHttp(env, server, TimeSpan.FromSeconds(15));
            var checks = await RunAsync(new HealthProbes(http, server), Login(parse, connection, env, server, logins), ct);
            Print(env, parse.GetValue(output) == "json", server, checks);
            return ExitCode(checks);
        });
        return command;
    }

    private static async Task<List<HealthCheck>> RunAsync(HealthProbes probes, Func<HttpClient, TokenEndpoint, Task<TokenGrant>>? login, CancellationToken ct)
    {
        var reachable = await probes.ReachableAsync(ct);
        if (reachable.Status == HealthStatus.Fail)
        {
            // A refused certificate still deserves its details (expiry, trust error); the rest needs a working connection.
            var tls = probes.TlsRefused ? await probes.TlsAsync(ct) : HealthCheck.Skip("tls", "server not reachable");
            return [reachable, tls, .. new[] { "clock", "auth", "storage" }.Select(n => HealthCheck.Skip(n, "server not reachable"))];
        }

        return [reachable, await probes.TlsAsync(ct), probes.ClockSkew(), await probes.AuthAsync(login, ct), await probes.StorageAsync(ct)];
    }

    // Explicit credentials first, then the refresh token `berth login` stored; null when there is nothing to log in with.
    private static Func<HttpClient, TokenEndpoint, Task<TokenGrant>>? Login(ParseResult parse, Connection connection, CliEnvironment env, ServerAddress server, IReadOnlyList<AuthFile> logins)
    {
        var username = parse.GetValue(connection.Username) ?? env.Variable("BERTH_USERNAME");
        var password = parse.GetValue(connection.Password) ?? env.Variable("BERTH_PASSWORD");
        if (username is not null && password is not null)
        {
            return (http, endpoint) => TokenClient.PasswordAsync(http, endpoint, username, password, null, offline: false, CancellationToken.None);
        }

        return StoredLogins.FindToken(logins, server.Key) is { } refresh
            ? (http, endpoint) => TokenClient.RefreshAsync(http, endpoint, refresh, "registry:catalog:*", server, CancellationToken.None)
            : null;
    }

    private static int ExitCode(List<HealthCheck> checks)
    {
        var failed = checks.Where(c => c.Status == HealthStatus.Fail).Select(c => c.Name).ToList();
        return failed switch
        {
            [] => ExitCodes.Ok,
            ["reachable"] or ["reachable", "tls"] => ExitCodes.Unreachable,
            ["auth"] => ExitCodes.Unauthorized,
            _ => ExitCodes.Failed,
        };
    }

    private static void Print(CliEnvironment env, bool json, ServerAddress server, List<HealthCheck> checks)
    {
        var healthy = checks.All(c => c.Status != HealthStatus.Fail);
        if (json)
        {
            var body = new
            {
                server = server.ToString(),
                healthy,
                checks = checks.Select(c => new { name = c.Name, status = c.Status.ToString().ToLowerInvariant(), detail = c.Detail }),
            };
            env.Out.WriteLine(JsonSerializer.Serialize(body, new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        var table = new Table().AddColumn("Check").AddColumn("Status").AddColumn("Detail");
        foreach (var c in checks)
        {
            var status = c.Status switch
            {
                HealthStatus.Ok => "[green]ok[/]",
                HealthStatus.Warn => "[yellow]warn[/]",
                HealthStatus.Fail => "[red]FAIL[/]",
                _ => "[grey]skipped[/]",
            };
            table.AddRow(Markup.Escape(c.Name), status, Markup.Escape(c.Detail));
        }

        env.Console.Write(table);
        env.Out.WriteLine(healthy ? $"{server} is healthy." : $"{server} has problems: see the checks marked FAIL.");
    }
}
