using System.CommandLine;
using System.Net.Http.Headers;
using Berth.Cli.Auth;
using Berth.Cli.Runtime;

namespace Berth.Cli.Http;

/// <summary>
/// The options every management command takes (<c>--server</c>, <c>--username</c>, <c>--password</c>, <c>--auth-file</c>)
/// and how they become an authenticated <see cref="ApiClient"/>: explicit credentials, else the refresh token stored
/// by <c>berth login</c>, exchanged for a short-lived <c>management</c> access token.
/// </summary>
internal sealed class Connection
{
    public const string DefaultServer = "http://127.0.0.1:5000";

    public Option<string?> Server { get; } = new("--server")
    {
        Description = "Berth server (host:port or URL); default $BERTH_SERVER, else the one server you are logged in to, else " + DefaultServer,
    };

    public Option<string?> Username { get; } = new("--username", "-u") { Description = "Log in with this user name or service principal app id instead of the stored login (default $BERTH_USERNAME)" };

    public Option<string?> Password { get; } = new("--password", "-p") { Description = "Password or client secret for --username (default $BERTH_PASSWORD)" };

    public Option<string?> AuthFile { get; } = new("--auth-file") { Description = "Read the stored login from this auth file instead of Docker's and Podman's" };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(Username);
        command.Options.Add(Password);
        command.Options.Add(AuthFile);
    }

    /// <summary>Resolves the server and credentials, and returns a client for <c>/api/v1</c>.</summary>
    public async Task<ApiClient> OpenAsync(ParseResult parse, CliEnvironment env, TimeSpan timeout, CancellationToken ct)
    {
        var logins = StoredLogins.Load(env, parse.GetValue(AuthFile));
        var explicitServer = parse.GetValue(Server) ?? env.Variable("BERTH_SERVER");
        var server = ResolveServer(explicitServer, logins);
        var hint = explicitServer is null && StoredLogins.Servers(logins).Count == 0
            ? $"no --server given and not logged in anywhere, so {DefaultServer} was tried; pass --server or run `berth login <server>`"
            : null;
        var http = CreateHttp(env, server, timeout);
        try
        {
            var token = await AccessTokenAsync(parse, env, http, server, logins, ct);
            if (token is not null)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return new ApiClient(http, server, hint);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    public static HttpClient CreateHttp(CliEnvironment env, ServerAddress server, TimeSpan timeout)
    {
        var http = env.HttpHandler is null ? new HttpClient() : new HttpClient(env.HttpHandler, disposeHandler: false);
        http.BaseAddress = server.BaseUri;
        http.Timeout = timeout;
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("berth-cli", typeof(Connection).Assembly.GetName().Version?.ToString(3) ?? "0"));
        return http;
    }

    /// <summary><paramref name="explicitServer"/> if given; else the single logged-in server; else <see cref="DefaultServer"/>.</summary>
    public static ServerAddress ResolveServer(string? explicitServer, IReadOnlyList<AuthFile> logins)
    {
        if (explicitServer is not null)
        {
            return ServerAddress.Parse(explicitServer);
        }

        var servers = StoredLogins.Servers(logins);
        return servers.Count switch
        {
            0 => ServerAddress.Parse(DefaultServer),
            1 => ServerAddress.Parse(servers[0]),
            _ => throw CliException.Usage($"you are logged in to several servers ({string.Join(", ", servers)}); choose one with --server"),
        };
    }

    private async Task<string?> AccessTokenAsync(ParseResult parse, CliEnvironment env, HttpClient http, ServerAddress server, IReadOnlyList<AuthFile> logins, CancellationToken ct)
    {
        var username = parse.GetValue(Username) ?? env.Variable("BERTH_USERNAME");
        var password = parse.GetValue(Password) ?? env.Variable("BERTH_PASSWORD");
        if (username is null && password is not null)
        {
            throw CliException.Usage("--password needs --username");
        }

        if (username is not null)
        {
            password ??= env.Interactive ? Prompts.Secret(env, $"Password for {username}") : throw CliException.Usage("--username needs --password");
            var endpoint = await TokenClient.DiscoverAsync(http, server, ct);
            return (await TokenClient.PasswordAsync(http, endpoint, username, password, "management", offline: false, ct)).AccessToken;
        }

        var refresh = StoredLogins.FindToken(logins, server.Key);
        if (refresh is null)
        {
            // Let the server decide (and answer 401 with a hint) rather than guessing what is public.
            return null;
        }

        var discovered = await TokenClient.DiscoverAsync(http, server, ct);
        return (await TokenClient.RefreshAsync(http, discovered, refresh, "management", server, ct)).AccessToken;
    }
}
