using System.Net;
using Berth.Integration.Tests.Auth;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Observability;

/// <summary><c>/metrics</c>: Prometheus text with route-template labels, latency histograms, bytes and gauges; credentials required by default.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests(BerthServerFixture server) : IClassFixture<BerthServerFixture>
{
    private readonly HttpClient owner = server.CreateClient();

    private async Task<List<PrometheusSample>> ScrapeUntilAsync(Func<List<PrometheusSample>, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            using var response = await owner.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            var samples = PrometheusSample.Parse(text);
            if (ready(samples))
            {
                return samples;
            }

            Assert.True(DateTime.UtcNow < deadline, "the expected series did not appear within a minute; last scrape:\n" + text);

            await Task.Delay(100);
        }
    }

    private static bool Has(List<PrometheusSample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Any(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value));

    [Fact]
    public async Task Requests_are_counted_by_route_template_and_status_with_latency_bytes_and_registry_gauges()
    {
        var oci = new OciClient(owner);
        var repo = OciClient.NewRepo("metrics");
        await oci.PushImageAsync(repo, "v1", layerSize: 4096);
        (await owner.GetAsync($"/v2/{repo}/manifests/v1")).Dispose();
        (await owner.GetAsync($"/v2/{repo}/manifests/missing")).Dispose();

        const string manifest = "/v2/{name}/manifests/{reference}";
        var samples = await ScrapeUntilAsync(s =>
            Has(s, "berth_http_requests_total", ("http_route", manifest), ("http_response_status_code", "404"))
            && Has(s, "berth_audit_written_total"));

        Assert.True(Has(samples, "berth_http_requests_total", ("http_route", manifest), ("http_request_method", "GET"), ("http_response_status_code", "200")));
        Assert.True(Has(samples, "berth_http_requests_total", ("http_route", manifest), ("http_request_method", "PUT"), ("http_response_status_code", "201")));
        Assert.True(Has(samples, "berth_http_request_duration_seconds_bucket", ("http_route", manifest), ("le", "0.005")));
        Assert.True(Has(samples, "berth_http_request_duration_seconds_count", ("http_route", "/v2/{name}/blobs/uploads/")));
        Assert.True(samples.Where(s => s.Name == "berth_http_received_bytes_total").Sum(s => s.Value) >= 2 * 4096);
        Assert.True(samples.Where(s => s.Name == "berth_http_sent_bytes_total").Sum(s => s.Value) > 0);
        Assert.True(Has(samples, "berth_registry_storage_bytes", ("registry", "default")));
        Assert.True(Has(samples, "berth_uploads_open"));
        Assert.True(Has(samples, "berth_audit_queue_length"));
        // No raw path or digest ever becomes a label value.
        Assert.DoesNotContain(samples, s => s.Labels.Values.Any(v => v.Contains(repo, StringComparison.Ordinal) || v.Contains("sha256:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Metrics_need_credentials_of_a_server_reader_by_default()
    {
        using var anonymous = await server.CreateAnonymousClient().GetAsync("/metrics");
        var api = new AuthApi(server);
        var pusher = await api.CreateUserAsync("AcrPush");
        var reader = await api.CreateUserAsync("Reader");
        using var denied = await server.CreateClient(pusher.Username, pusher.Password).GetAsync("/metrics");
        using var allowed = await server.CreateClient(reader.Username, reader.Password).GetAsync("/metrics");

        await AuthApi.AssertApiErrorAsync(anonymous, HttpStatusCode.Unauthorized, "Unauthorized");
        await AuthApi.AssertApiErrorAsync(denied, HttpStatusCode.Forbidden, "Forbidden");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.StartsWith("text/plain", allowed.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
    }
}

public sealed class AnonymousMetricsFixture : BerthServerFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Berth:Metrics:AllowAnonymous"] = "true" };
}

[Collection(MetricsCollection.Name)]
public sealed class AnonymousMetricsTests(AnonymousMetricsFixture server) : IClassFixture<AnonymousMetricsFixture>
{
    [Fact]
    public async Task AllowAnonymous_opens_the_scrape_endpoint()
    {
        using var response = await server.CreateAnonymousClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
