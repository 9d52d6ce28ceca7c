using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Durability;

/// <summary><c>berth serve --tls-cert --tls-key</c> with PEM files: HTTPS with HTTP/1.1 and HTTP/2.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Serves_https_over_http11_and_http2_with_a_pem_certificate()
    {
        var (certFile, keyFile, thumbprint) = await WriteSelfSignedAsync();
        await using var berth = await BerthProcess.StartAsync(_temp.Combine("data"), ["--tls-cert", certFile, "--tls-key", keyFile]);
        Assert.Equal("https", berth.BaseAddress.Scheme);

        using var handler = new SocketsHttpHandler();
        string? presented = null;
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) =>
        {
            presented = cert is null ? null : Convert.ToHexString(cert.GetCertHash(HashAlgorithmName.SHA256));
            return presented == thumbprint;
        };
        using var http = new HttpClient(handler) { BaseAddress = berth.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = BerthServerFixture.Basic(BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword);

        foreach (var version in new[] { HttpVersion.Version11, HttpVersion.Version20 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/") { Version = version, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(version, response.Version);
            Assert.Equal("registry/2.0", response.Headers.GetValues("Docker-Distribution-API-Version").Single());
        }

        Assert.Equal(thumbprint, presented);

        // A push over HTTP/2 (request bodies in DATA frames, monolithic and chunked) reads back intact.
        using var h2 = new HttpClient(handler, disposeHandler: false)
        {
            BaseAddress = berth.BaseAddress,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        h2.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
        var image = TestImage.Create(OciClient.NewRepo("tls"), "v1", new Random(5), layers: 2, 100_000, 300_000);
        await image.PushAsync(new OciClient(h2), chunkedFirst: true);
        await image.AssertIntactAsync(h2);
        using var last = await h2.GetAsync($"/v2/{image.Repository}/manifests/v1");
        Assert.Equal(HttpVersion.Version20, last.Version);
    }

    [Fact]
    public async Task Check_health_reports_an_untrusted_certificate_and_its_expiry_once_trusted()
    {
        var (certFile, keyFile, _) = await WriteSelfSignedAsync();
        await using var berth = await BerthProcess.StartAsync(_temp.Combine("data"), ["--tls-cert", certFile, "--tls-key", keyFile]);
        string[] args = ["check-health", "--server", berth.BaseAddress.ToString(), "-o", "json"];

        var untrusted = await BerthProcess.RunAsync(args);
        var trusted = await BerthProcess.RunAsync(args, new Dictionary<string, string> { ["SSL_CERT_FILE"] = certFile });

        Assert.True(untrusted.ExitCode == 3, untrusted.ToString());
        var refused = Checks(untrusted.StdOut);
        Assert.Equal("fail", refused["reachable"].Status);
        Assert.Contains("TLS", refused["reachable"].Detail, StringComparison.Ordinal);
        Assert.Equal("fail", refused["tls"].Status);
        Assert.Contains("not trusted", refused["tls"].Detail, StringComparison.Ordinal);
        Assert.True(trusted.ExitCode == 0, trusted.ToString());
        var ok = Checks(trusted.StdOut);
        Assert.Equal("warn", ok["tls"].Status); // valid, but the test certificate expires within 30 days
        Assert.Contains("expires", ok["tls"].Detail, StringComparison.Ordinal);
        Assert.Equal(("ok", "ok"), (ok["auth"].Status, ok["storage"].Status));
    }

    private static Dictionary<string, (string Status, string Detail)> Checks(string json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => (c.GetProperty("status").GetString()!, c.GetProperty("detail").GetString()!));

    [Fact]
    public async Task Plain_http_server_does_not_speak_http2()
    {
        await using var berth = await BerthProcess.StartAsync(_temp.Combine("data"));
        Assert.Equal("http", berth.BaseAddress.Scheme);
        using var http = berth.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        await Assert.ThrowsAsync<HttpRequestException>(() => http.SendAsync(request));
    }

    private async Task<(string Cert, string Key, string Thumbprint)> WriteSelfSignedAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=berth-test", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certFile = _temp.Combine("tls.crt");
        var keyFile = _temp.Combine("tls.key");
        await File.WriteAllTextAsync(certFile, cert.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certFile, keyFile, Convert.ToHexString(cert.GetCertHash(HashAlgorithmName.SHA256)));
    }

    public void Dispose() => _temp.Dispose();
}
