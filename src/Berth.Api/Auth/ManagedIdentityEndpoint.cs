using System.Net.Sockets;
using Berth.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Auth;

/// <summary>
/// The managed identity endpoint (like Azure's instance metadata service): a workload that Berth runs reaches
/// the server's unix socket <c>&lt;data&gt;/run/identity.sock</c> and asks for a token for its identity. The socket
/// serves only this endpoint, and the endpoint is never served over TCP.
/// </summary>
public static class ManagedIdentityEndpoint
{
    public const string Path = "/metadata/identity/oauth2/token";

    /// <summary>Keeps the socket and TCP listeners apart: each answers 404 for the other's paths.</summary>
    public static IApplicationBuilder UseIdentitySocketIsolation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var identityPath = context.Request.Path.StartsWithSegments("/metadata/identity", StringComparison.OrdinalIgnoreCase);
        if (identityPath != IsUnixSocket(context))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await next(context);
    });

    public static IEndpointRouteBuilder MapManagedIdentityEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, IssueAsync).ExcludeFromDescription();
        return app;
    }

    // Kestrel reports IP addresses only for IP connections; the only other listener Berth opens is the socket.
    internal static bool IsUnixSocket(HttpContext context) =>
        context.Features.Get<IConnectionEndPointFeature>()?.LocalEndPoint is UnixDomainSocketEndPoint
        || (context.Connection.RemoteIpAddress is null && context.Connection.LocalIpAddress is null);

    private static async Task<IResult> IssueAsync(HttpContext context, IManagedIdentityDirectory identities, TokenIssuer issuer)
    {
        if (!string.Equals(context.Request.Headers["Metadata"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "the Metadata: true header is required");
        }

        var clientId = context.Request.Query["client_id"].ToString();
        if (clientId.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "client_id (the managed identity's id or name) is required");
        }

        var identity = await identities.GetAsync(clientId, context.RequestAborted);
        if (identity is null)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", $"no managed identity '{(clientId.Length > 100 ? clientId[..100] : clientId)}'");
        }

        var token = issuer.CreateRefreshToken(identity.Id);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new IdentityToken(token.Value, token.ExpiresInSeconds, "Bearer", identity.Id, identity.Name));
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);

    private sealed record IdentityToken(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("client_id")] string ClientId,
        [property: System.Text.Json.Serialization.JsonPropertyName("name")] string Name);
}
