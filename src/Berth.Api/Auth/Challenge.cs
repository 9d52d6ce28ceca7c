using Microsoft.AspNetCore.Http;

namespace Berth.Api.Auth;

/// <summary>The token service's realm and service name for a request, and the <c>WWW-Authenticate</c> challenges built from them.</summary>
public static class Challenge
{
    /// <summary>The configured realm, else <c>&lt;scheme&gt;://&lt;host&gt;/oauth2/token</c> of the request.</summary>
    public static string Realm(HttpRequest request, AuthOptions options) =>
        options.Realm ?? $"{request.Scheme}://{Host(request)}/oauth2/token";

    /// <summary>The configured service, else the request's host (host:port): the audience of access tokens.</summary>
    public static string Service(HttpRequest request, AuthOptions options) => options.Service ?? Host(request);

    /// <summary>
    /// <c>Bearer realm="…",service="…"[,scope="…"][,error="…"]</c>. Scopes come from validated repository names,
    /// so they need no escaping.
    /// </summary>
    public static string Bearer(HttpRequest request, AuthOptions options, string? scope, string? error = null)
    {
        var value = $"Bearer realm=\"{Realm(request, options)}\",service=\"{Service(request, options)}\"";
        if (scope is not null)
        {
            value += $",scope=\"{scope}\"";
        }

        if (error is not null)
        {
            value += $",error=\"{error}\"";
        }

        return value;
    }

    private static string Host(HttpRequest request)
    {
        if (request.Host.HasValue && !request.Host.Value.Contains('"', StringComparison.Ordinal))
        {
            return request.Host.Value;
        }

        var local = request.HttpContext.Connection;
        return local.LocalIpAddress is { } ip ? $"{ip}:{local.LocalPort}" : "localhost";
    }
}
