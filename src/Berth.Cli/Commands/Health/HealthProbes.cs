using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Berth.Cli.Http;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.Health;

/// <summary>
/// The checks of <c>berth check-health</c>, each against the live server: reachability (<c>/healthz</c>), TLS
/// (certificate validity and expiry, or a plain-HTTP warning), clock skew (the server's Date header), the auth flow
/// (<c>/v2/</c> challenge → token service → token accepted) and storage (<c>/readyz</c>).
/// </summary>
internal sealed class HealthProbes(HttpClient http, ServerAddress server)
{
    private static readonly TimeSpan SkewWarning = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SkewFailure = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);

    /// <summary>The server's Date header and the local time halfway through the request.</summary>
    public (DateTimeOffset Server, DateTimeOffset Local)? Clock { get; private set; }

    /// <summary>The server answered the connection but this machine refused its certificate (the TLS check says why).</summary>
    public bool TlsRefused { get; private set; }

    public async Task<HealthCheck> ReachableAsync(CancellationToken ct)
    {
        var before = DateTimeOffset.UtcNow;
        try
        {
            using var response = await http.GetAsync("healthz", ct);
            var after = DateTimeOffset.UtcNow;
            if (response.Headers.Date is { } date)
            {
                Clock = (date, before + ((after - before) / 2));
            }

            return response.IsSuccessStatusCode
                ? HealthCheck.Ok("reachable", $"{server} answered /healthz in {(after - before).TotalMilliseconds:0} ms")
                : HealthCheck.Fail("reachable", $"{server}/healthz answered HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException e) when (e.InnerException is System.Security.Authentication.AuthenticationException tls)
        {
            TlsRefused = true;
            return HealthCheck.Fail("reachable", $"{server} accepts connections but the TLS handshake failed: {tls.Message}");
        }
        catch (HttpRequestException e)
        {
            return HealthCheck.Fail("reachable", $"cannot reach {server}: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return HealthCheck.Fail("reachable", $"{server} did not answer in time");
        }
    }

    public async Task<HealthCheck> TlsAsync(CancellationToken ct)
    {
        var uri = server.BaseUri;
        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            var loopback = uri.IsLoopback ? " (loopback: fine for local use)" : "; put it behind a TLS-terminating proxy or use --tls-cert";
            return HealthCheck.Warn("tls", $"plain HTTP: credentials and tokens travel unencrypted{loopback}");
        }

        X509Certificate2? certificate = null;
        var errors = SslPolicyErrors.None;
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(uri.Host, uri.Port, ct);
            await using var ssl = new SslStream(tcp.GetStream(), false, (_, cert, _, policy) =>
            {
                certificate = cert is null ? null : new X509Certificate2(cert);
                errors = policy;
                return true; // inspected and reported below
            });
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = uri.Host }, ct);
        }
        catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException)
        {
            return HealthCheck.Fail("tls", $"TLS handshake failed: {e.Message}");
        }

        using (certificate)
        {
            if (certificate is null)
            {
                return HealthCheck.Fail("tls", "the server sent no certificate");
            }

            var expires = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            var left = expires - DateTimeOffset.UtcNow;
            var subject = $"{certificate.GetNameInfo(X509NameType.DnsName, false)}, expires {expires:yyyy-MM-dd}";
            if (errors != SslPolicyErrors.None)
            {
                return HealthCheck.Fail("tls", $"certificate not trusted ({errors}): {subject}");
            }

            return left < ExpiryWarning
                ? HealthCheck.Warn("tls", $"certificate valid but expires in {Math.Max(0, left.TotalDays):0} days: {subject}")
                : HealthCheck.Ok("tls", $"certificate valid: {subject}");
        }
    }

    public HealthCheck ClockSkew()
    {
        if (Clock is not { } clock)
        {
            return HealthCheck.Warn("clock", "the server sent no Date header to compare with");
        }

        // The Date header has whole seconds: less than a second of difference is noise.
        var skew = clock.Server - clock.Local;
        var text = $"server clock is {Math.Abs(skew.TotalSeconds):0} s {(skew < TimeSpan.Zero ? "behind" : "ahead of")} this machine";
        return Math.Abs(skew.TotalSeconds) switch
        {
            var s when s >= SkewFailure.TotalSeconds => HealthCheck.Fail("clock", text + "; tokens will be rejected as not yet valid or expired"),
            var s when s >= SkewWarning.TotalSeconds => HealthCheck.Warn("clock", text),
            _ => HealthCheck.Ok("clock", text),
        };
    }

    /// <summary><c>/v2/</c> must challenge, the token service must issue a token, and <c>/v2/</c> must accept it.</summary>
    public async Task<HealthCheck> AuthAsync(Func<HttpClient, TokenEndpoint, Task<TokenGrant>>? login, CancellationToken ct)
    {
        using (var challenge = await http.GetAsync("v2/", ct))
        {
            if (challenge.StatusCode == HttpStatusCode.OK && login is null)
            {
                return HealthCheck.Ok("auth", "/v2/ is open to anonymous callers; no credentials to test a login with (run `berth login`)");
            }

            if (challenge.StatusCode != HttpStatusCode.Unauthorized && challenge.StatusCode != HttpStatusCode.OK)
            {
                return HealthCheck.Fail("auth", $"/v2/ answered HTTP {(int)challenge.StatusCode} instead of a 401 challenge");
            }

            if (challenge.StatusCode == HttpStatusCode.Unauthorized && !challenge.Headers.WwwAuthenticate.Any(h => h.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)))
            {
                return HealthCheck.Fail("auth", "/v2/ answered 401 without a Bearer challenge naming the token service");
            }
        }

        var endpoint = await TokenClient.DiscoverAsync(http, server, ct);
        if (login is null)
        {
            using var anonymous = await http.GetAsync(new Uri($"{endpoint.Realm}?service={Uri.EscapeDataString(endpoint.Service)}"), ct);
            return anonymous.IsSuccessStatusCode || anonymous.StatusCode == HttpStatusCode.Unauthorized
                ? HealthCheck.Warn("auth", $"challenge and token service ({endpoint.Realm}) answer; no credentials to test a login with (run `berth login` or pass --username)")
                : HealthCheck.Fail("auth", $"the token service {endpoint.Realm} answered HTTP {(int)anonymous.StatusCode}");
        }

        TokenGrant grant;
        try
        {
            grant = await login(http, endpoint);
        }
        catch (CliException e)
        {
            return HealthCheck.Fail("auth", $"the token service refused the login: {e.Message}");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "v2/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", grant.AccessToken);
        using var accepted = await http.SendAsync(request, ct);
        return accepted.IsSuccessStatusCode
            ? HealthCheck.Ok("auth", $"challenge → token from {endpoint.Realm} → /v2/ accepted the token")
            : HealthCheck.Fail("auth", $"/v2/ rejected the token from {endpoint.Realm} with HTTP {(int)accepted.StatusCode}");
    }

    public async Task<HealthCheck> StorageAsync(CancellationToken ct)
    {
        using var response = await http.GetAsync("readyz", ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
        {
            return HealthCheck.Ok("storage", "database reachable and storage writable (/readyz)");
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var failing = doc.RootElement.GetProperty("checks").EnumerateObject()
                .Where(c => c.Value.GetString() != "ok")
                .Select(c => $"{c.Name}: {c.Value.GetString()}");
            return HealthCheck.Fail("storage", string.Join("; ", failing));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return HealthCheck.Fail("storage", $"/readyz answered HTTP {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
