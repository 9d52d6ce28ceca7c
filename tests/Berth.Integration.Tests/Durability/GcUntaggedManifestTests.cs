using System.Net;
using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Durability;

/// <summary>
/// One repository with: a tagged image, a referrer (signature) of it, an image that lost its tag, a referrer of
/// that one, and an untagged image kept only by a tagged index.
/// </summary>
internal sealed record UntaggedScenario(string Repo, TestImage Live, TestImage LiveReferrer, TestImage Untagged, TestImage UntaggedReferrer, TestImage IndexChild, string IndexDigest)
{
    public static async Task<UntaggedScenario> PushAsync(OciClient oci)
    {
        var repo = OciClient.NewRepo("untagged");
        var random = new Random();
        var live = TestImage.Create(repo, "live", random, 2, 2_000, 8_000);
        await live.PushAsync(oci, chunkedFirst: true);
        var liveReferrer = TestImage.Create(repo, null, random, 1, 500, 900, subject: live.Digest);
        await liveReferrer.PushAsync(oci, chunkedFirst: false);

        var untagged = TestImage.Create(repo, "old", random, 2, 2_000, 8_000);
        await untagged.PushAsync(oci, chunkedFirst: false);
        using (var untag = await oci.Http.DeleteAsync($"/v2/{repo}/manifests/old"))
        {
            Assert.Equal(HttpStatusCode.Accepted, untag.StatusCode);
        }

        var untaggedReferrer = TestImage.Create(repo, null, random, 1, 500, 900, subject: untagged.Digest);
        await untaggedReferrer.PushAsync(oci, chunkedFirst: false);
        untagged = untagged with { Tag = null };

        var child = TestImage.Create(repo, null, random, 1, 2_000, 8_000);
        await child.PushAsync(oci, chunkedFirst: true);
        var index = OciClient.Index([(child.Digest, child.Manifest.Length, "arm64")]);
        using (var put = await oci.PutManifestAsync(repo, "multi", index, "application/vnd.oci.image.index.v1+json"))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        return new UntaggedScenario(repo, live, liveReferrer, untagged, untaggedReferrer, child, OciClient.Digest(index));
    }

    public async Task AssertKeptAsync(HttpClient http)
    {
        foreach (var image in new[] { Live, LiveReferrer, IndexChild })
        {
            await image.AssertIntactAsync(http);
        }

        await RegistryWalker.PullManifestAsync(http, Repo, "multi");
        using var referrers = JsonDocument.Parse(await http.GetStringAsync($"/v2/{Repo}/referrers/{Live.Digest}"));
        Assert.Equal(new[] { LiveReferrer.Digest }, referrers.RootElement.GetProperty("manifests").EnumerateArray().Select(m => m.GetProperty("digest").GetString()!));
    }
}

/// <summary>With <c>Berth:Gc:DeleteUntaggedManifests=true</c>: untagged manifests and referrers of deleted subjects go, with their blobs.</summary>
public sealed class GcDeletesUntaggedManifestsTests(DeleteUntaggedFixture server) : IClassFixture<DeleteUntaggedFixture>
{
    private readonly OciClient _oci = new(server.CreateClient());

    [Fact]
    public async Task Untagged_manifest_and_its_referrer_are_deleted_live_image_referrer_and_index_child_are_kept()
    {
        var s = await UntaggedScenario.PushAsync(_oci);
        await Wait.PastAsync(ShortGraceFixture.Grace);

        var report = await GcResult.RunAsync(_oci.Http, dryRun: false);

        Assert.Equal(2, report.UntaggedManifests);
        var freed = s.Untagged.Blobs.Concat(s.UntaggedReferrer.Blobs).ToList();
        Assert.Equal(freed.Count, report.Blobs);
        Assert.Equal(freed.Sum(b => (long)b.Length), report.BlobBytes);
        foreach (var image in new[] { s.Untagged, s.UntaggedReferrer })
        {
            using var gone = await _oci.Http.GetAsync($"/v2/{s.Repo}/manifests/{image.Digest}");
            await OciClient.AssertErrorAsync(gone, HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        }

        Assert.All(freed, b => Assert.False(File.Exists(RegistryWalker.BlobPath(server.DataDirectory, OciClient.Digest(b)))));
        await s.AssertKeptAsync(_oci.Http);
    }
}

/// <summary>By default (<c>DeleteUntaggedManifests=false</c>) untagged manifests and everything they reference stay.</summary>
public sealed class GcKeepsUntaggedManifestsTests(ShortGraceFixture server) : IClassFixture<ShortGraceFixture>
{
    private readonly OciClient _oci = new(server.CreateClient());

    [Fact]
    public async Task Untagged_manifests_are_kept_when_not_opted_in()
    {
        var s = await UntaggedScenario.PushAsync(_oci);
        await Wait.PastAsync(ShortGraceFixture.Grace);

        var report = await GcResult.RunAsync(_oci.Http, dryRun: false);

        Assert.Equal(new GcResult(false, 0, 0, 0, 0, 0, 0, 0, 0, 0), report);
        await s.Untagged.AssertIntactAsync(_oci.Http);
        await s.UntaggedReferrer.AssertIntactAsync(_oci.Http);
        await s.AssertKeptAsync(_oci.Http);
    }
}
