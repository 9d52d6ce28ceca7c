using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Berth.Bench.Scenarios;

/// <summary>
/// The identity issue's scenario, Berth only: manifest GET by tag under wrk without credentials (anonymous pull,
/// turned on for the run through the management API), with a bearer token from <c>/oauth2/token</c>, and with
/// Basic credentials, the three variants interleaved round by round. Target: bearer ≥ 0.85× anonymous req/s.
/// </summary>
internal static partial class AuthScenarios
{
    private const string HotRepo = "bench/hot";

    public static async Task AuthOverheadAsync(Target berth, HttpClient http, Wrk wrk, Scale scale, CancellationToken ct)
    {
        var client = berth.Client;
        var basic = client.AuthorizationHeader ?? throw new BenchException("the auth scenario needs Berth's credentials (--berth-auth)");
        await SetAnonymousPullAsync(client, http, enabled: true, ct);
        try
        {
            var (realm, service) = await ChallengeAsync(client, http, ct);
            Console.WriteLine($"  token service: realm {realm}, service {service}");
            var manifest = client.ManifestUri(HotRepo, "latest");
            await ExpectManifestAsync(http, manifest, null, "anonymous", ct);

            // A fresh token per round (and for the warm-up): the default lifetime is 5 minutes.
            async Task<string> Bearer()
            {
                var token = await TokenAsync(client, http, realm, service, ct);
                var header = $"Bearer {token}";
                await ExpectManifestAsync(http, manifest, header, "bearer", ct);
                return header;
            }

            var round = scale.WrkDuration / scale.WrkRounds;
            async Task<Wrk.Summary> Run(string? authorization, TimeSpan duration)
            {
                List<string> headers = [$"Accept: {RegistryClient.OciManifest}"];
                if (authorization is not null)
                {
                    headers.Add($"Authorization: {authorization}");
                }

                return await wrk.RunAsync(manifest, "GET", headers, duration, ct);
            }

            var bearer = await Bearer();
            (string Name, Func<string?> Header)[] variants =
            [
                ("anonymous", () => null),
                ("bearer", () => bearer),
                ("basic", () => basic),
            ];
            foreach (var (_, header) in variants)
            {
                await Run(header(), TimeSpan.FromSeconds(2));
            }

            for (var r = 0; r < scale.WrkRounds; r++)
            {
                bearer = await Bearer();
                foreach (var (name, header) in r % 2 == 0 ? variants : variants.Reverse())
                {
                    var summary = await Run(header(), round);
                    if (summary.Errors * 10 > summary.Requests)
                    {
                        throw new BenchException($"manifest GET ({name}): {summary.Errors} of {summary.Requests} requests failed");
                    }

                    berth.Add($"auth_{name}_get_rps", summary.RequestsPerSecond, "req/s");
                    berth.Add($"auth_{name}_get_p50_ms", summary.P50Ms, "ms");
                    berth.Add($"auth_{name}_get_p99_ms", summary.P99Ms, "ms");
                    berth.Add($"auth_{name}_get_errors", summary.Errors, "responses");
                }
            }
        }
        finally
        {
            // Back to the default, so the scenarios after this one run as before.
            await SetAnonymousPullAsync(client, http, enabled: false, CancellationToken.None);
        }
    }

    private static async Task SetAnonymousPullAsync(RegistryClient client, HttpClient http, bool enabled, CancellationToken ct)
    {
        using var request = client.Request(HttpMethod.Patch, new Uri(client.BaseUri, "api/v1/registries/default"),
            new StringContent($"{{\"anonymousPullEnabled\": {(enabled ? "true" : "false")}}}", Encoding.UTF8, "application/json"));
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchException($"PATCH /api/v1/registries/default: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        }

        Console.WriteLine($"  registry default: {body}");
    }

    /// <summary>Realm and service from the Bearer challenge of an anonymous <c>GET /v2/</c>.</summary>
    private static async Task<(Uri Realm, string Service)> ChallengeAsync(RegistryClient client, HttpClient http, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(client.BaseUri, "v2/"), ct);
        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault(h => h.Scheme == "Bearer")?.Parameter
            ?? throw new BenchException($"GET /v2/ without credentials: {(int)response.StatusCode}, no Bearer challenge");
        string Param(string name) => Regex.Match(challenge, $"{name}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value
            : throw new BenchException($"Bearer challenge has no {name}: {challenge}");
        var realm = new Uri(Param("realm"));
        if (!realm.IsLoopback)
        {
            throw new BenchException($"token realm {realm} is not a loopback URL");
        }

        return (realm, Param("service"));
    }

    private static async Task<string> TokenAsync(RegistryClient client, HttpClient http, Uri realm, string service, CancellationToken ct)
    {
        var uri = new Uri($"{realm.AbsoluteUri}?service={Uri.EscapeDataString(service)}&scope={Uri.EscapeDataString($"repository:{HotRepo}:pull")}");
        using var request = client.Request(HttpMethod.Get, uri);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchException($"GET {realm.AbsolutePath}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return (root.TryGetProperty("token", out var t) ? t : root.GetProperty("access_token")).GetString()
            ?? throw new BenchException("token response without a token");
    }

    private static async Task ExpectManifestAsync(HttpClient http, Uri manifest, string? authorization, string what, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, manifest);
        request.Headers.Accept.ParseAdd(RegistryClient.OciManifest);
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchException($"manifest GET ({what}): expected 200, got {(int)response.StatusCode}");
        }
    }
}
