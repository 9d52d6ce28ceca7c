using System.Net;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Durability;

/// <summary>An unreferenced blob is collected once it is older than the grace period, and only then; referenced blobs stay.</summary>
public sealed class GcGraceTests(ShortGraceFixture server) : IClassFixture<ShortGraceFixture>
{
    private readonly OciClient _oci = new(server.CreateClient());

    [Fact]
    public async Task Unreferenced_blob_is_freed_after_the_grace_period_and_tagged_content_stays()
    {
        var repo = OciClient.NewRepo("gc");
        var image = TestImage.Create(repo, "v1", new Random(1), layers: 2, 10_000, 50_000);
        await image.PushAsync(_oci, chunkedFirst: true);
        var garbage = OciClient.RandomBytes(123_457);
        var garbageDigest = await _oci.PushBlobAsync(repo, garbage);
        var garbageFile = RegistryWalker.BlobPath(server.DataDirectory, garbageDigest);
        Assert.True(File.Exists(garbageFile));

        // Young garbage is protected: its manifest may still be on its way.
        var early = await GcResult.RunAsync(_oci.Http, dryRun: false);
        Assert.Equal(new GcResult(false, 0, 0, 0, 0, 0, 0, 0, 0, 0), early);
        Assert.Equal(garbage, await _oci.Http.GetByteArrayAsync($"/v2/{repo}/blobs/{garbageDigest}"));

        await Wait.PastAsync(ShortGraceFixture.Grace);
        var report = await GcResult.RunAsync(_oci.Http, dryRun: false);

        Assert.Equal(new GcResult(false, UntaggedManifests: 0, UnreferencedLinks: 1, Blobs: 1, BlobBytes: garbage.Length, 0, 0, 0, 0, BytesFreed: garbage.Length), report);
        Assert.False(File.Exists(garbageFile), "the collected blob's file is still on disk");
        using (var gone = await _oci.Http.GetAsync($"/v2/{repo}/blobs/{garbageDigest}"))
        {
            await OciClient.AssertErrorAsync(gone, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        }

        await image.AssertIntactAsync(_oci.Http);
        Assert.All(image.Blobs, b => Assert.True(File.Exists(RegistryWalker.BlobPath(server.DataDirectory, OciClient.Digest(b)))));

        // Collecting again finds nothing: the first run was complete.
        Assert.Equal(new GcResult(false, 0, 0, 0, 0, 0, 0, 0, 0, 0), await GcResult.RunAsync(_oci.Http, dryRun: false));

        // The freed content can be pushed again and is served normally.
        Assert.Equal(garbageDigest, await _oci.PushBlobAsync(repo, garbage));
        Assert.Equal(garbage, await _oci.Http.GetByteArrayAsync($"/v2/{repo}/blobs/{garbageDigest}"));
    }

    [Fact]
    public async Task Blob_shared_by_two_repositories_survives_while_one_manifest_references_it()
    {
        var shared = OciClient.RandomBytes(40_000);
        var keeper = TestImage.Create(OciClient.NewRepo("gc"), "v1", new Random(2), layers: 1, 1000, 2000, extraLayers: [shared]);
        await keeper.PushAsync(_oci, chunkedFirst: false);
        var other = OciClient.NewRepo("gc");
        var digest = await _oci.PushBlobAsync(other, shared);

        await Wait.PastAsync(ShortGraceFixture.Grace);
        var report = await GcResult.RunAsync(_oci.Http, dryRun: false);

        // The link in the other repository goes, the blob itself stays for the keeper.
        Assert.True(report.UnreferencedLinks >= 1);
        using (var unlinked = await _oci.Http.GetAsync($"/v2/{other}/blobs/{digest}"))
        {
            await OciClient.AssertErrorAsync(unlinked, HttpStatusCode.NotFound, "BLOB_UNKNOWN");
        }

        await keeper.AssertIntactAsync(_oci.Http);
        Assert.True(File.Exists(RegistryWalker.BlobPath(server.DataDirectory, digest)));
    }
}
