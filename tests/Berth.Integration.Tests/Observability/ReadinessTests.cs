using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Observability;

/// <summary><c>/healthz</c> and <c>/readyz</c>, including storage that stops being writable.</summary>
public sealed class ReadinessTests(BerthServerFixture server) : IClassFixture<BerthServerFixture>
{
    [Fact]
    public async Task Readyz_answers_503_with_the_reason_when_storage_is_not_writable_and_recovers()
    {
        var anonymous = server.CreateAnonymousClient();
        using var healthy = await anonymous.GetAsync("/readyz");
        var ready = await healthy.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("storage").GetString());

        // A file where the upload directory should be: fails for root too, unlike a chmod.
        var uploads = Path.Combine(server.DataDirectory, "uploads");
        Directory.Move(uploads, uploads + ".moved");
        await File.WriteAllTextAsync(uploads, "not a directory");
        try
        {
            using var broken = await anonymous.GetAsync("/readyz");
            var body = await broken.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, broken.StatusCode);
            Assert.Equal("not ready", body.GetProperty("status").GetString());
            Assert.Contains("uploads", body.GetProperty("checks").GetProperty("storage").GetString(), StringComparison.Ordinal);
            Assert.Equal("ok", body.GetProperty("checks").GetProperty("database").GetString());

            using var alive = await anonymous.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
        finally
        {
            File.Delete(uploads);
            Directory.Move(uploads + ".moved", uploads);
        }

        using var recovered = await anonymous.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }
}
