using System.Net;
using Berth.Core.Registry;
using Berth.Integration.Tests.Infrastructure;
using CoreDigest = Berth.Core.Oci.Digest;

namespace Berth.Integration.Tests.Durability;

/// <summary>A completing PUT that is interrupted leaves a session that a retried PUT can still complete.</summary>
public sealed class UploadRetryTests(BerthServerFixture server) : IClassFixture<BerthServerFixture>
{
    [Fact]
    public async Task Put_aborted_while_waiting_to_commit_can_be_retried()
    {
        using var http = server.CreateClient();
        var oci = new OciClient(http);
        var repo = OciClient.NewRepo("retry");
        var content = OciClient.RandomBytes(200_000);
        var digest = OciClient.Digest(content);
        var location = await oci.StartUploadAsync(repo);
        using (var patch = await oci.PatchAsync(location, content, 0))
        {
            Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        }

        // Holding the digest's lock (as a concurrent commit or the collector would) parks the PUT after it has
        // hashed the upload; the client then gives up.
        var locks = server.Get<DigestLocks>();
        using (await locks.AcquireAsync(CoreDigest.Parse(digest), CancellationToken.None))
        {
            using var impatient = server.CreateClient();
            using var cancel = new CancellationTokenSource();
            var put = impatient.PutAsync($"{location}?digest={digest}", null, cancel.Token);
            await Task.Delay(500);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => put);

            // An empty PATCH needs the session's lock, so its answer shows the aborted PUT has let go of the session.
            using var probe = await oci.PatchAsync(location, [], null).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(HttpStatusCode.Accepted, probe.StatusCode);
            Assert.Equal($"0-{content.Length - 1}", probe.Headers.GetValues("Range").Single());
        }

        using var retry = await http.PutAsync($"{location}?digest={digest}", null);
        Assert.True(retry.StatusCode == HttpStatusCode.Created, $"retried PUT answered {(int)retry.StatusCode}: {await retry.Content.ReadAsStringAsync()}");
        Assert.Equal(content, await http.GetByteArrayAsync($"/v2/{repo}/blobs/{digest}"));
    }
}
