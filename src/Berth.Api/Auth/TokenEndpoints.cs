using System.Globalization;
using System.Text.Json;
using Berth.Api.Errors;
using Berth.Api.Limits;
using Berth.Core.Errors;
using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Core.Registries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Api.Auth;

/// <summary>
/// The token service (Docker registry token authentication): <c>GET /oauth2/token</c> with Basic credentials
/// (or none: anonymous) and <c>POST /oauth2/token</c> with the OAuth2 password or refresh_token grant. The registry
/// is the one the Host header names (else the default registry); its tokens are good only there.
/// </summary>
public static class TokenEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static IEndpointRouteBuilder MapTokenService(this IEndpointRouteBuilder app)
    {
        app.MapGet("/oauth2/token", (RequestDelegate)(context => WithAuditContextAsync(context, GetTokenAsync))).ExcludeFromDescription();
        app.MapPost("/oauth2/token", (RequestDelegate)(context => WithAuditContextAsync(context, PostTokenAsync))).ExcludeFromDescription();
        return app;
    }

    // Logins here are audited by the authenticator; the request id reaches it ambiently.
    private static async Task WithAuditContextAsync(HttpContext context, Func<HttpContext, Task> handle)
    {
        using (AuditContext.Use(context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier))
        {
            await handle(context);
        }
    }

    private static async Task GetTokenAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (await RegistryAsync(context) is not { } registry)
        {
            return;
        }

        if (!CheckService(context, query["service"]) || !ParseScopes(context, query["scope"], out var scopes))
        {
            await WriteInvalidAsync(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        AuthOutcome outcome;
        var viaRefreshToken = false;
        if (header.Length == 0)
        {
            outcome = AuthOutcome.Of(Caller.Anonymous);
        }
        else if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            outcome = await Authenticator(context).AuthenticateAsync(context, registry);
            viaRefreshToken = BasicUsername(header) == RequestAuthenticator.RefreshTokenUsername;
        }
        else
        {
            outcome = AuthOutcome.Invalid("the token service takes Basic credentials (or a refresh token as password with username " + RequestAuthenticator.RefreshTokenUsername + ")");
        }

        var offline = string.Equals(query["offline_token"], "true", StringComparison.OrdinalIgnoreCase) && !viaRefreshToken;
        await IssueAsync(context, outcome, registry, scopes, offline);
    }

    private static async Task PostTokenAsync(HttpContext context)
    {
        if (await RegistryAsync(context) is not { } registry)
        {
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await ErrorWriter.WriteAsync(context, ErrorCodes.TokenRequestInvalid, "POST /oauth2/token takes an application/x-www-form-urlencoded body");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!CheckService(context, form["service"]) || !ParseScopes(context, form["scope"], out var scopes))
        {
            await WriteInvalidAsync(context);
            return;
        }

        var authenticator = Authenticator(context);
        AuthOutcome outcome;
        var offline = false;
        switch (form["grant_type"].ToString())
        {
            case "password":
                var username = form["username"].ToString();
                if (username.Length == 0)
                {
                    await ErrorWriter.WriteAsync(context, ErrorCodes.TokenRequestInvalid, "grant_type=password needs username and password");
                    return;
                }

                outcome = await authenticator.AuthenticateBasicAsync(registry, username, form["password"].ToString(), context);
                offline = form["access_type"] == "offline" && username != RequestAuthenticator.RefreshTokenUsername;
                break;
            case "refresh_token":
                var principal = await authenticator.RedeemRefreshTokenAsync(form["refresh_token"].ToString(), context.RequestAborted);
                outcome = principal is null
                    ? AuthOutcome.Invalid("the refresh token is invalid or expired; log in again")
                    : AuthOutcome.Of(new Caller(principal, null, true));
                break;
            default:
                await ErrorWriter.WriteAsync(context, ErrorCodes.TokenRequestInvalid, $"unsupported grant_type '{Cut(form["grant_type"].ToString())}'; use password or refresh_token");
                return;
        }

        await IssueAsync(context, outcome, registry, scopes, offline);
    }

    private static async Task IssueAsync(HttpContext context, AuthOutcome outcome, long registry, IReadOnlyList<AccessEntry> scopes, bool offline)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (outcome.Caller is not { } caller)
        {
            await WriteFailureAsync(context, outcome, options);
            return;
        }

        var access = await services.GetRequiredService<ScopeGranter>().GrantAsync(caller.Principal, registry, scopes, context.RequestAborted);
        var issuer = services.GetRequiredService<TokenIssuer>();
        var token = issuer.CreateAccessToken(caller.Principal.Id, Challenge.Service(context.Request, options), registry, access);
        var refresh = offline && !caller.Principal.IsAnonymous ? issuer.CreateRefreshToken(caller.Principal.Id).Value : null;
        var body = new TokenResponse(token.Value, token.Value, token.ExpiresInSeconds, token.IssuedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), refresh);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        await context.Response.WriteAsJsonAsync(body, Json, context.RequestAborted);
    }

    /// <summary>The registry the request's Host header names (or the default one) if its network rules admit the client; null when an error was written.</summary>
    private static async Task<long?> RegistryAsync(HttpContext context)
    {
        var directory = context.RequestServices.GetRequiredService<IRegistryDirectory>();
        if (await directory.ResolveHostAsync(context.Request.Host.Value ?? string.Empty, context.RequestAborted) is { } registry)
        {
            // The registry's network rules also keep denied addresses from logging in (403 DENIED, audited).
            return await context.RequestServices.GetRequiredService<NetworkGate>().AdmitAsync(context, registry) ? registry.Id : null;
        }

        await ErrorWriter.WriteAsync(context, ErrorCodes.TokenRequestInvalid, "no registry serves this host name and no default registry is configured");
        return null;
    }

    /// <summary>401 (or 429 with Retry-After) in the registry's error format.</summary>
    internal static Task WriteFailureAsync(HttpContext context, AuthOutcome outcome, AuthOptions options)
    {
        if (outcome.Failure == AuthenticationFailure.RateLimited)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(outcome.RetryAfter?.TotalSeconds ?? 60)).ToString(CultureInfo.InvariantCulture);
            return ErrorWriter.WriteAsync(context, ErrorCodes.TooManyRequests, outcome.Message);
        }

        context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Challenge.Service(context.Request, options)}\"";
        return ErrorWriter.WriteAsync(context, ErrorCodes.Unauthorized, outcome.Message ?? "authentication failed");
    }

    private static bool CheckService(HttpContext context, string? service)
    {
        var expected = Challenge.Service(context.Request, context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value);
        if (string.IsNullOrEmpty(service) || string.Equals(service, expected, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        context.Items[typeof(TokenEndpoints)] = $"unknown service '{Cut(service)}'; this token service serves '{expected}'";
        return false;
    }

    private static bool ParseScopes(HttpContext context, IEnumerable<string?> values, out IReadOnlyList<AccessEntry> scopes)
    {
        if (TokenScope.TryParse(values, out scopes, out var error))
        {
            return true;
        }

        context.Items[typeof(TokenEndpoints)] = error;
        return false;
    }

    private static Task WriteInvalidAsync(HttpContext context) =>
        ErrorWriter.WriteAsync(context, ErrorCodes.TokenRequestInvalid, context.Items[typeof(TokenEndpoints)] as string);

    private static RequestAuthenticator Authenticator(HttpContext context) => context.RequestServices.GetRequiredService<RequestAuthenticator>();

    private static string? BasicUsername(string header)
    {
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? text[..colon] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Cut(string s) => s.Length > 100 ? s[..100] + "…" : s;

    private sealed record TokenResponse(string Token, string AccessToken, int ExpiresIn, string IssuedAt, string? RefreshToken);
}
