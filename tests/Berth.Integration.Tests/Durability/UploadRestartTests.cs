using System.Net;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Durability;

/// <summary>
/// Chunked uploads survive a <c>kill -9</c> of the server: the session and its staged bytes are on disk, the
/// running hash is not, so completing re-hashes what was staged.
/// </summary>
public sealed class UploadRestartTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task Chunked_upload_resumes_after_kill_9_and_completes_with_the_right_digest()
    {
        var data = _temp.Combine("data");
        var repo = OciClient.NewRepo("restart");
        var content = OciClient.RandomBytes(700_000);
        var other = OciClient.RandomBytes(300_000);
        string location, wrongDigest;
        await using (var first = await BerthProcess.StartAsync(data))
        {
            var oci = new OciClient(first.CreateClient());
            location = await oci.StartUploadAsync(repo);
            location = await PatchAsync(oci, location, content, 0, 200_000);
            location = await PatchAsync(oci, location, content, 200_000, 450_000);

            // A second session, to be completed with a digest that is not the content's.
            wrongDigest = await oci.StartUploadAsync(repo);
            wrongDigest = await PatchAsync(oci, wrongDigest, other, 0, other.Length);
            await first.KillAsync();
        }

        await using var second = await BerthProcess.StartAsync(data);
        var resumed = new OciClient(second.CreateClient());
        using (var status = await resumed.Http.GetAsync(location))
        {
            Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
            Assert.Equal("0-449999", status.Headers.GetValues("Range").Single());
            Assert.EndsWith(status.Headers.GetValues("Docker-Upload-UUID").Single(), location, StringComparison.Ordinal);
        }

        location = await PatchAsync(resumed, location, content, 450_000, 600_000);
        var digest = OciClient.Digest(content);
        using (var put = await resumed.Http.PutAsync($"{location}?digest={digest}", new ByteArrayContent(content[600_000..])))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            Assert.Equal(digest, put.Headers.GetValues("Docker-Content-Digest").Single());
        }

        Assert.Equal(content, await resumed.Http.GetByteArrayAsync($"/v2/{repo}/blobs/{digest}"));

        // Re-hashing is real: the staged bytes of the other session do not match a digest they do not have.
        using (var bad = await resumed.Http.PutAsync($"{wrongDigest}?digest={digest}", null))
        {
            await OciClient.AssertErrorAsync(bad, HttpStatusCode.BadRequest, "DIGEST_INVALID");
        }

        using (var after = await resumed.Http.GetAsync(wrongDigest))
        {
            await OciClient.AssertErrorAsync(after, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        }
    }

    [Fact]
    public async Task Kill_in_the_middle_of_a_chunk_leaves_an_upload_that_resumes_from_the_reported_range()
    {
        var data = _temp.Combine("data");
        var repo = OciClient.NewRepo("torn");
        var content = OciClient.RandomBytes(1_200_000);
        string location;
        long before = 100_000;
        await using (var first = await BerthProcess.StartAsync(data))
        {
            var oci = new OciClient(first.CreateClient());
            location = await oci.StartUploadAsync(repo);
            location = await PatchAsync(oci, location, content, 0, (int)before);

            // Stream 600 kB of the next chunk and then stall: the server has written part of it when it dies.
            using var stall = new CancellationTokenSource();
            var body = new StallingContent(content.AsMemory((int)before, 600_000), stall.Token);
            using var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = body };
            request.Content.Headers.ContentType = new("application/octet-stream");
            var inFlight = oci.Http.SendAsync(request);
            await body.Sent.WaitAsync(TimeSpan.FromSeconds(30));
            using (var probe = first.CreateClient())
            {
                for (var i = 0; i < 300 && await StagedAsync(probe, location) <= before; i++)
                {
                    await Task.Delay(20);
                }
            }

            await first.KillAsync();
            await stall.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => inFlight);
        }

        await using var second = await BerthProcess.StartAsync(data);
        var resumed = new OciClient(second.CreateClient());
        var staged = await StagedAsync(resumed.Http, location);
        Assert.InRange(staged, before + 1, before + 600_000);

        // Whatever the server says it holds is a true prefix of the content: resuming from there gives the right blob.
        location = await PatchAsync(resumed, location, content, (int)staged, content.Length);
        var digest = OciClient.Digest(content);
        using (var put = await resumed.Http.PutAsync($"{location}?digest={digest}", null))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        Assert.Equal(content, await resumed.Http.GetByteArrayAsync($"/v2/{repo}/blobs/{digest}"));
    }

    public void Dispose() => _temp.Dispose();

    private static async Task<string> PatchAsync(OciClient oci, string location, byte[] content, int from, int to)
    {
        using var response = await oci.PatchAsync(location, content[from..to], from);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"0-{to - 1}", response.Headers.GetValues("Range").Single());
        return response.Headers.Location!.ToString();
    }

    private static async Task<long> StagedAsync(HttpClient http, string location)
    {
        using var status = await http.GetAsync(location);
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
        var range = status.Headers.GetValues("Range").Single();
        return long.Parse(range[(range.IndexOf('-', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture) + 1;
    }

    /// <summary>A request body of unknown length that sends its bytes, signals, and then never ends.</summary>
    private sealed class StallingContent(ReadOnlyMemory<byte> bytes, CancellationToken stall) : HttpContent
    {
        private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Sent => _sent.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(bytes, stall);
            await stream.FlushAsync(stall);
            _sent.TrySetResult();
            await Task.Delay(Timeout.Infinite, stall);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
