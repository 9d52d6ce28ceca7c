using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.Cli.Runtime;

namespace Berth.Cli.Http;

/// <summary>Where and for which service the server issues tokens, as its <c>/v2/</c> challenge says.</summary>
internal sealed record TokenEndpoint(Uri Realm, string Service);

/// <summary>A token service answer; <see cref="RefreshToken"/> only for offline password logins.</summary>
internal sealed record TokenGrant(string AccessToken, string? RefreshToken, int? ExpiresIn);

/// <summary>
/// The Docker token service client (<c>/oauth2/token</c>): discovers the realm from the <c>/v2/</c> challenge, then
/// exchanges a password or a refresh token for tokens, the same way Docker and Podman do.
/// </summary>
internal static partial class TokenClient
{
    public const string ClientId = "berth-cli";

    /// <summary>Reads realm and service from <c>GET /v2/</c>'s Bearer challenge; falls back to <c>/oauth2/token</c> and the host.</summary>
    public static async Task<TokenEndpoint> DiscoverAsync(HttpClient http, ServerAddress server, CancellationToken ct)
    {
        using var response = await http.GetAsync("v2/", ct);
        var fallback = new TokenEndpoint(new Uri(server.BaseUri, "oauth2/token"), server.Key);
        var bearer = response.Headers.WwwAuthenticate.FirstOrDefault(h => string.Equals(h.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase));
        if (bearer?.Parameter is null)
        {
            return fallback;
        }

        var parameters = ChallengeParameter().Matches(bearer.Parameter)
            .ToDictionary(m => m.Groups[1].Value.ToLowerInvariant(), m => m.Groups[2].Value);
        var realm = parameters.TryGetValue("realm", out var r) && Uri.TryCreate(server.BaseUri, r, out var realmUri) ? realmUri : fallback.Realm;
        var service = parameters.TryGetValue("service", out var s) && s.Length > 0 ? s : fallback.Service;
        return new TokenEndpoint(realm, service);
    }

    /// <summary>Logs in with a user name (or service principal app id) and password.</summary>
    public static Task<TokenGrant> PasswordAsync(HttpClient http, TokenEndpoint endpoint, string username, string password, string? scope, bool offline, CancellationToken ct)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = username,
            ["password"] = password,
            ["service"] = endpoint.Service,
            ["client_id"] = ClientId,
        };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        if (offline)
        {
            form["access_type"] = "offline";
        }

        return RequestAsync(http, endpoint, form, "wrong user name or password", ct);
    }

    /// <summary>Exchanges a stored refresh token for an access token with <paramref name="scope"/>.</summary>
    public static Task<TokenGrant> RefreshAsync(HttpClient http, TokenEndpoint endpoint, string refreshToken, string scope, ServerAddress server, CancellationToken ct)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["service"] = endpoint.Service,
            ["scope"] = scope,
            ["client_id"] = ClientId,
        };
        return RequestAsync(http, endpoint, form, $"the stored login for {server.Key} has expired or was revoked; run `berth login {server.Key}` again", ct);
    }

    private static async Task<TokenGrant> RequestAsync(HttpClient http, TokenEndpoint endpoint, Dictionary<string, string> form, string unauthorized, CancellationToken ct)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(endpoint.Realm, content, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            var (code, message) = ApiError.Parse(body);
            var detail = message is null ? $"HTTP {(int)response.StatusCode}" : $"{message} ({code ?? response.StatusCode.ToString()})";
            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new CliException(ExitCodes.Unauthorized, $"{unauthorized}: {detail}"),
                HttpStatusCode.TooManyRequests => new CliException(ExitCodes.Failed, $"too many failed logins: {detail}",
                    response.Headers.RetryAfter?.Delta is { } delay ? $"retry after {delay.TotalSeconds:0} s" : null),
                HttpStatusCode.BadRequest => new CliException(ExitCodes.Usage, $"the token service rejected the request: {detail}"),
                HttpStatusCode.NotFound => new CliException(ExitCodes.Failed, $"{endpoint.Realm} has no token service; is this a Berth server?"),
                _ => new CliException(ExitCodes.Failed, $"the token service failed: {detail}"),
            };
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var access = Text(root, "access_token") ?? Text(root, "token")
                ?? throw new CliException(ExitCodes.Failed, "the token service answered without a token");
            int? expires = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : null;
            return new TokenGrant(access, Text(root, "refresh_token"), expires);
        }
        catch (JsonException)
        {
            throw new CliException(ExitCodes.Failed, $"the token service at {endpoint.Realm} did not answer with JSON; is this a Berth server?");
        }
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0 ? v.GetString() : null;

    [GeneratedRegex(@"(\w+)=""([^""]*)""")]
    private static partial Regex ChallengeParameter();
}
