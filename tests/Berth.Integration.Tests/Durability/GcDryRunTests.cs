using System.Net;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Durability;

/// <summary>A dry run reports exactly what the real run then removes, and removes nothing itself.</summary>
public sealed class GcDryRunTests(EverythingExpiresFixture server) : IClassFixture<EverythingExpiresFixture>
{
    private readonly OciClient _oci = new(server.CreateClient());

    [Fact]
    public async Task Dry_run_reports_every_kind_of_garbage_deletes_nothing_and_matches_the_real_run()
    {
        var repo = OciClient.NewRepo("dry");

        // One of each kind of garbage: an untagged image, a blob no manifest references, a blob file metadata does
        // not know (crash between rename and commit), an idle upload session, a staging file without a session.
        var untagged = TestImage.Create(repo, "doomed", new Random(3), layers: 2, 5_000, 9_000);
        await untagged.PushAsync(_oci, chunkedFirst: true);
        using (var untag = await _oci.Http.DeleteAsync($"/v2/{repo}/manifests/doomed"))
        {
            Assert.Equal(HttpStatusCode.Accepted, untag.StatusCode);
        }

        var loose = OciClient.RandomBytes(77_777);
        var looseDigest = await _oci.PushBlobAsync(repo, loose);
        var orphan = OciClient.RandomBytes(5_555);
        var orphanFile = RegistryWalker.BlobPath(server.DataDirectory, OciClient.Digest(orphan));
        Directory.CreateDirectory(Path.GetDirectoryName(orphanFile)!);
        await File.WriteAllBytesAsync(orphanFile, orphan);
        var idle = await _oci.StartUploadAsync(repo);
        using (var patch = await _oci.PatchAsync(idle, OciClient.RandomBytes(3_333), 0))
        {
            Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        }

        var stray = Path.Combine(server.DataDirectory, "uploads", Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(stray, new byte[2_222]);
        var kept = TestImage.Create(repo, "kept", new Random(4), layers: 2, 5_000, 9_000);
        await kept.PushAsync(_oci, chunkedFirst: false);

        await Wait.PastAsync(ShortGraceFixture.Grace);
        var dry = await GcResult.RunAsync(_oci.Http, dryRun: true);

        var untaggedBytes = untagged.Blobs.Sum(b => (long)b.Length);
        var expected = new GcResult(
            DryRun: true,
            UntaggedManifests: 1,
            UnreferencedLinks: 1 + 3,
            Blobs: 1 + 3,
            BlobBytes: loose.Length + untaggedBytes,
            OrphanObjects: 1,
            OrphanBytes: orphan.Length,
            ExpiredUploads: 2,
            UploadBytes: 3_333 + 2_222,
            BytesFreed: loose.Length + untaggedBytes + orphan.Length + 3_333 + 2_222);
        Assert.Equal(expected, dry);

        // Nothing was removed.
        await RegistryWalker.PullManifestAsync(_oci.Http, repo, untagged.Digest);
        Assert.Equal(loose, await _oci.Http.GetByteArrayAsync($"/v2/{repo}/blobs/{looseDigest}"));
        Assert.True(File.Exists(orphanFile));
        Assert.True(File.Exists(stray));
        using (var status = await _oci.Http.GetAsync(idle))
        {
            Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
        }

        Assert.Equal(dry, await GcResult.RunAsync(_oci.Http, dryRun: true));

        // The real run removes exactly what the dry run announced.
        var real = await GcResult.RunAsync(_oci.Http, dryRun: false);
        Assert.Equal(expected.AsReal(), real);
        using (var gone = await _oci.Http.GetAsync($"/v2/{repo}/manifests/{untagged.Digest}"))
        {
            await OciClient.AssertErrorAsync(gone, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        }

        Assert.False(File.Exists(RegistryWalker.BlobPath(server.DataDirectory, looseDigest)));
        Assert.False(File.Exists(orphanFile));
        Assert.False(File.Exists(stray));
        await kept.AssertIntactAsync(_oci.Http);
    }
}
