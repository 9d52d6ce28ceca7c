using System.Net;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Oci;

public sealed class SmallLimitsFixture : BerthServerFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Berth:Registry:MaxBlobBytes"] = "10000",
        ["Berth:Registry:MaxManifestBytes"] = "2048",
    };
}

public sealed class LimitTests(SmallLimitsFixture server) : IClassFixture<SmallLimitsFixture>
{
    private readonly OciClient _oci = new(server.CreateClient());

    [Fact]
    public async Task Monolithic_blob_over_the_limit_is_413_and_nothing_is_stored()
    {
        var repo = OciClient.NewRepo();
        var content = OciClient.RandomBytes(20_000);
        var digest = OciClient.Digest(content);
        using var response = await _oci.Http.PostAsync($"/v2/{repo}/blobs/uploads/?digest={digest}", new ByteArrayContent(content));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var get = await _oci.Http.GetAsync($"/v2/{repo}/blobs/{digest}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task Chunks_adding_up_past_the_limit_are_refused_and_the_session_keeps_its_bytes()
    {
        var repo = OciClient.NewRepo();
        var location = await _oci.StartUploadAsync(repo);
        using (var first = await _oci.PatchAsync(location, OciClient.RandomBytes(8000), 0))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        using var second = await _oci.PatchAsync(location, OciClient.RandomBytes(8000), 8000);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, second.StatusCode);
        using var status = await _oci.Http.GetAsync(location);
        Assert.Equal("0-7999", status.Headers.GetValues("Range").Single());
    }

    [Fact]
    public async Task Manifest_over_the_configured_limit_is_413()
    {
        var body = new byte[3000];
        Array.Fill(body, (byte)' ');
        using var response = await _oci.PutManifestAsync(OciClient.NewRepo(), "big", body, "application/vnd.oci.image.manifest.v1+json");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
