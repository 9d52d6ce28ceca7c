using Berth.Core.Metadata;
using Berth.Core.Oci;

namespace Berth.Metadata.Sqlite.Tests;

public sealed class GarbageBlobTests : IDisposable
{
    private static readonly DateTimeOffset Cutoff = TestDatabase.T0.AddHours(1);
    private static readonly DateTimeOffset Young = TestDatabase.T0.AddHours(2);
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    private static CancellationToken Ct => TestDatabase.Ct;

    private async Task<bool> Linked(RepositoryRecord repo, Descriptor blob) => await db.Blobs.FindLinkedAsync(repo.Id, blob.Digest, Ct) is not null;

    [Fact]
    public async Task Links_referenced_by_a_manifest_are_never_removed_and_the_rest_go_when_old()
    {
        var repo = await db.Repo("app");
        var config = await db.Blob(repo, "config");
        var layer = await db.Blob(repo, "layer");
        var stray = await db.Blob(repo, "stray");
        var young = await db.Blob(repo, "young", Young);
        await db.Manifests.PutAsync(repo, TestManifests.Image(config, [layer]), Ct); // untagged, yet it still references

        Assert.Equal(1, await db.Garbage.DeleteUnreferencedLinksAsync(Cutoff, Ct));

        Assert.True(await Linked(repo, config));
        Assert.True(await Linked(repo, layer));
        Assert.False(await Linked(repo, stray));
        Assert.True(await Linked(repo, young));
    }

    [Fact]
    public async Task A_reference_in_another_repository_does_not_keep_a_link()
    {
        var a = await db.Repo("a");
        var b = await db.Repo("b");
        var config = await db.Blob(a, "config");
        var layer = await db.Blob(a, "layer");
        await db.Blob(b, "layer");
        await db.Manifests.PutAsync(a, TestManifests.Image(config, [layer], at: Young), Ct);

        // The push refreshed the shared blob's use, which shields b's link until a later cutoff.
        Assert.Equal(0, await db.Garbage.DeleteUnreferencedLinksAsync(Cutoff, Ct));
        Assert.True(await Linked(b, layer));
        Assert.Equal(1, await db.Garbage.DeleteUnreferencedLinksAsync(Young.AddHours(1), Ct));

        Assert.True(await Linked(a, layer));
        Assert.False(await Linked(b, layer));
    }

    [Fact]
    public async Task A_recently_used_blob_keeps_its_old_link()
    {
        var repo = await db.Repo("app");
        var blob = await db.Blob(repo, "reuploaded");
        await db.Blobs.LinkAsync(repo, blob.Digest, blob.Size, Young, long.MaxValue, Ct); // re-upload: link row unchanged, use refreshed

        Assert.Equal(0, await db.Garbage.DeleteUnreferencedLinksAsync(Cutoff, Ct));
        Assert.True(await Linked(repo, blob));
    }

    [Fact]
    public async Task Deleting_a_manifest_frees_its_links_and_dry_run_only_counts()
    {
        var repo = await db.Repo("app");
        var config = await db.Blob(repo, "config");
        var layer = await db.Blob(repo, "layer");
        var write = TestManifests.Image(config, [layer], tag: "v1");
        await db.Manifests.PutAsync(repo, write, Ct);
        await db.Manifests.DeleteAsync(repo.Id, write.Digest, Ct);

        Assert.Equal(2, (await db.Garbage.PreviewAsync(Cutoff, untaggedManifests: false, Ct)).UnreferencedLinks);
        Assert.True(await Linked(repo, layer));
        Assert.Equal(2, await db.Garbage.DeleteUnreferencedLinksAsync(Cutoff, Ct));
        Assert.False(await Linked(repo, layer));
    }

    [Fact]
    public async Task Unlinked_blobs_are_listed_once_per_digest_when_old()
    {
        var repo = await db.Repo("app");
        var kept = await db.Blob(repo, "kept");
        var unlinked = await db.Blob(repo, "unlinked");
        var fresh = await db.Blob(repo, "fresh", Young);
        await db.Blobs.UnlinkAsync(repo.Id, unlinked.Digest, Ct);
        await db.Blobs.UnlinkAsync(repo.Id, fresh.Digest, Ct);
        var other = db.AddRegistry("other");
        var otherRepo = await db.Repo("app", other);
        await db.Blobs.LinkAsync(otherRepo, unlinked.Digest, unlinked.Size, TestDatabase.T0, long.MaxValue, Ct);
        await db.Blobs.UnlinkAsync(otherRepo.Id, unlinked.Digest, Ct);

        var listed = await db.Garbage.ListUnlinkedBlobsAsync(Cutoff, 10, Ct);

        Assert.Equal([new BlobRecord(unlinked.Digest, unlinked.Size)], listed);
        Assert.Empty(await db.Garbage.ListUnlinkedBlobsAsync(Cutoff, 0, Ct));
        Assert.Equal(2, (await db.Garbage.ListUnlinkedBlobsAsync(Young.AddHours(1), 10, Ct)).Count);
        Assert.Single(await db.Garbage.ListUnlinkedBlobsAsync(Young.AddHours(1), 1, Ct));
        Assert.DoesNotContain(kept.Digest, (await db.Garbage.ListUnlinkedBlobsAsync(Young.AddHours(1), 10, Ct)).Select(b => b.Digest));
    }

    [Fact]
    public async Task Delete_blob_if_unlinked_removes_every_unlinked_row_and_reports_when_none_remain()
    {
        var repo = await db.Repo("app");
        var blob = await db.Blob(repo, "blob");
        Assert.False(await db.Garbage.DeleteBlobIfUnlinkedAsync(blob.Digest, Cutoff, Ct));
        Assert.True(await db.Garbage.IsKnownAsync(blob.Digest, Ct));

        await db.Blobs.UnlinkAsync(repo.Id, blob.Digest, Ct);
        Assert.False(await db.Garbage.DeleteBlobIfUnlinkedAsync(blob.Digest, TestDatabase.T0, Ct)); // not older than cutoff
        Assert.True(await db.Garbage.DeleteBlobIfUnlinkedAsync(blob.Digest, Cutoff, Ct));

        Assert.False(await db.Garbage.IsKnownAsync(blob.Digest, Ct));
        Assert.Null(await db.Blobs.FindAsync(1, blob.Digest, Ct));
        Assert.True(await db.Garbage.DeleteBlobIfUnlinkedAsync(TestManifests.RandomDigest(), Cutoff, Ct));
    }

    [Fact]
    public async Task A_registry_still_linking_the_digest_keeps_it_while_the_unlinked_registry_row_goes()
    {
        var repo = await db.Repo("app");
        var blob = await db.Blob(repo, "shared");
        await db.Blobs.UnlinkAsync(repo.Id, blob.Digest, Ct);
        var other = db.AddRegistry("other");
        await db.Blobs.LinkAsync(await db.Repo("app", other), blob.Digest, blob.Size, TestDatabase.T0, long.MaxValue, Ct);

        Assert.False(await db.Garbage.DeleteBlobIfUnlinkedAsync(blob.Digest, Cutoff, Ct));

        Assert.Null(await db.Blobs.FindAsync(1, blob.Digest, Ct));
        Assert.NotNull(await db.Blobs.FindAsync(other, blob.Digest, Ct));
        Assert.True(await db.Garbage.IsKnownAsync(blob.Digest, Ct));
    }

    [Fact]
    public async Task A_mount_between_listing_and_deleting_wins()
    {
        var repo = await db.Repo("app");
        var blob = await db.Blob(repo, "contested");
        await db.Blobs.UnlinkAsync(repo.Id, blob.Digest, Ct);
        Assert.Single(await db.Garbage.ListUnlinkedBlobsAsync(Cutoff, 10, Ct));

        Assert.True(await db.Blobs.LinkExistingAsync(await db.Repo("mounter"), blob.Digest, Young, Ct));

        Assert.False(await db.Garbage.DeleteBlobIfUnlinkedAsync(blob.Digest, Cutoff, Ct));
        Assert.NotNull(await db.Blobs.FindAsync(1, blob.Digest, Ct));
    }
}
