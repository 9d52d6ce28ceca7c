using System.Net;
using System.Text;

namespace Berth.Cli.Tests.Infrastructure;

/// <summary>A recorded request: method, path and query, authorization and body.</summary>
public sealed record SeenRequest(HttpMethod Method, string PathAndQuery, string? Authorization, string Body, string Authority = "");

/// <summary>
/// An HTTP handler standing in for a Berth server in unit tests: answers by "METHOD /path" with canned
/// status and JSON, and records every request. Unknown routes answer 404 with the management API's error shape.
/// </summary>
public sealed class FakeServer : HttpMessageHandler
{
    private readonly Dictionary<string, Func<SeenRequest, HttpResponseMessage>> _routes = new(StringComparer.Ordinal);

    public List<SeenRequest> Requests { get; } = [];

    /// <summary>When set, every request fails as if the connection were refused.</summary>
    public bool Unreachable { get; set; }

    public FakeServer On(string route, HttpStatusCode status, string? json = null) =>
        On(route, _ => Json(status, json));

    public FakeServer On(string route, Func<SeenRequest, HttpResponseMessage> respond)
    {
        _routes[route] = respond;
        return this;
    }

    /// <summary>The token service: a Bearer challenge on /v2/ and tokens from POST /oauth2/token.</summary>
    public FakeServer WithTokenService(string refreshToken = "refresh.jwt.token", string accessToken = "access-token")
    {
        On("GET /v2/", _ =>
        {
            var r = Json(HttpStatusCode.Unauthorized, """{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}""");
            r.Headers.WwwAuthenticate.ParseAdd("Bearer realm=\"http://berth.test/oauth2/token\",service=\"berth.test\"");
            return r;
        });
        On("POST /oauth2/token", request =>
        {
            var form = request.Body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
            if (form["grant_type"] == "password" && form["password"] != "secret")
            {
                return Json(HttpStatusCode.Unauthorized, """{"error":{"code":"Unauthorized","message":"invalid credentials"}}""");
            }

            if (form["grant_type"] == "refresh_token" && form["refresh_token"] != refreshToken)
            {
                return Json(HttpStatusCode.Unauthorized, """{"error":{"code":"Unauthorized","message":"invalid refresh token"}}""");
            }

            var refresh = form.GetValueOrDefault("access_type") == "offline" ? $",\"refresh_token\":\"{refreshToken}\"" : "";
            return Json(HttpStatusCode.OK, $$"""{"token":"{{accessToken}}","access_token":"{{accessToken}}","expires_in":300{{refresh}}}""");
        });
        return this;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string? json) => new(status)
    {
        Content = json is null ? new ByteArrayContent([]) : new StringContent(json, Encoding.UTF8, "application/json"),
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Unreachable)
        {
            throw new HttpRequestException("Connection refused (fake)");
        }

        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var seen = new SeenRequest(request.Method, request.RequestUri!.PathAndQuery, request.Headers.Authorization?.ToString(), body, request.RequestUri.Authority);
        lock (Requests)
        {
            Requests.Add(seen);
        }

        var route = $"{request.Method} {request.RequestUri!.AbsolutePath}";
        return _routes.TryGetValue(route, out var respond)
            ? respond(seen)
            : Json(HttpStatusCode.NotFound, $$$"""{"error":{"code":"NotFound","message":"no route {{{route}}}"}}""");
    }
}
