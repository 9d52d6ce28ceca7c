using System.Net;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Durability;

/// <summary>Idle upload sessions expire (<c>Berth:Registry:UploadExpiry</c>) and GC reclaims their staging files; active ones stay.</summary>
public sealed class GcUploadExpiryTests(ShortUploadExpiryFixture server) : IClassFixture<ShortUploadExpiryFixture>
{
    private readonly OciClient _oci = new(server.CreateClient());

    [Fact]
    public async Task Expired_sessions_and_stray_staging_files_are_purged_and_active_sessions_kept()
    {
        var repo = OciClient.NewRepo("expiry");
        var expired = await _oci.StartUploadAsync(repo);
        var content = OciClient.RandomBytes(50_000);
        using (var patch = await _oci.PatchAsync(expired, content[..30_000], 0))
        {
            Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        }

        var expiredFile = StagingFile(expired);
        Assert.Equal(30_000, new FileInfo(expiredFile).Length);

        // A staging file no session owns: what a crash in the middle of a monolithic push leaves.
        var strayOld = Path.Combine(server.DataDirectory, "uploads", Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(strayOld, new byte[7_000]);

        await Wait.PastAsync(ShortUploadExpiryFixture.Expiry);
        var active = await _oci.StartUploadAsync(repo);
        using (var patch = await _oci.PatchAsync(active, content[..10_000], 0))
        {
            Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        }

        var strayNew = Path.Combine(server.DataDirectory, "uploads", Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(strayNew, new byte[100]);

        var report = await GcResult.RunAsync(_oci.Http, dryRun: false);

        Assert.Equal(new GcResult(false, 0, 0, 0, 0, 0, 0, ExpiredUploads: 2, UploadBytes: 37_000, BytesFreed: 37_000), report);
        Assert.False(File.Exists(expiredFile), "the expired session's staging file is still there");
        Assert.False(File.Exists(strayOld), "the stray staging file is still there");
        Assert.True(File.Exists(strayNew), "a young staging file was removed");
        using (var status = await _oci.Http.GetAsync(expired))
        {
            await OciClient.AssertErrorAsync(status, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        }

        using (var resume = await _oci.PatchAsync(expired, content[30_000..], 30_000))
        {
            await OciClient.AssertErrorAsync(resume, HttpStatusCode.NotFound, "BLOB_UPLOAD_UNKNOWN");
        }

        // The active session is untouched and completes.
        using (var put = await _oci.Http.PutAsync($"{active}?digest={OciClient.Digest(content)}", new ByteArrayContent(content[10_000..])))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        Assert.Equal(content, await _oci.Http.GetByteArrayAsync($"/v2/{repo}/blobs/{OciClient.Digest(content)}"));
    }

    private string StagingFile(string location) => Path.Combine(server.DataDirectory, "uploads", location[(location.LastIndexOf('/') + 1)..]);
}
