using Berth.Core.Oci;

namespace Berth.Metadata.Sqlite.Tests;

public sealed class BlobIndexTests : IDisposable
{
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    private long LastUsed(Digest d, long registryId = 1) =>
        db.Scalar("SELECT last_used_at FROM blobs WHERE registry_id = @registryId AND digest = @d;", new { registryId, d = d.ToString() });

    [Fact]
    public async Task Link_records_the_blob_for_the_registry_and_links_it_into_the_repository_only()
    {
        var repo = await db.Repo("a");
        var other = await db.Repo("b");
        var blob = await db.Blob(repo, "layer");

        Assert.Equal(new(blob.Digest, blob.Size), await db.Blobs.FindLinkedAsync(repo.Id, blob.Digest, TestDatabase.Ct));
        Assert.Equal(new(blob.Digest, blob.Size), await db.Blobs.FindAsync(1, blob.Digest, TestDatabase.Ct));
        Assert.Null(await db.Blobs.FindLinkedAsync(other.Id, blob.Digest, TestDatabase.Ct));
        Assert.Null(await db.Blobs.FindAsync(1, TestManifests.RandomDigest(), TestDatabase.Ct));
    }

    [Fact]
    public async Task Linking_again_is_idempotent_and_refreshes_only_the_last_use()
    {
        var repo = await db.Repo("a");
        var blob = await db.Blob(repo, "layer", TestDatabase.T0);
        await db.Blobs.LinkAsync(repo, blob.Digest, blob.Size, TestDatabase.T0.AddHours(1), long.MaxValue, TestDatabase.Ct);
        await db.Blobs.LinkAsync(repo, blob.Digest, blob.Size, TestDatabase.T0.AddMinutes(1), long.MaxValue, TestDatabase.Ct);

        Assert.Equal(1, db.Scalar("SELECT count(*) FROM blobs;"));
        Assert.Equal(1, db.Scalar("SELECT count(*) FROM repository_blobs;"));
        Assert.Equal(TestDatabase.T0.AddHours(1).ToUnixTimeMilliseconds(), LastUsed(blob.Digest));
        Assert.Equal(TestDatabase.T0.ToUnixTimeMilliseconds(), db.Scalar("SELECT created_at FROM blobs;"));
        Assert.Equal(TestDatabase.T0.ToUnixTimeMilliseconds(), db.Scalar("SELECT created_at FROM repository_blobs;"));
    }

    [Fact]
    public async Task Link_existing_mounts_a_held_blob_and_refreshes_its_use()
    {
        var source = await db.Repo("source");
        var target = await db.Repo("target");
        var blob = await db.Blob(source, "layer", TestDatabase.T0);

        Assert.True(await db.Blobs.LinkExistingAsync(target, blob.Digest, TestDatabase.T0.AddDays(1), TestDatabase.Ct));
        Assert.True(await db.Blobs.LinkExistingAsync(target, blob.Digest, TestDatabase.T0.AddDays(1), TestDatabase.Ct));

        Assert.Equal(new(blob.Digest, blob.Size), await db.Blobs.FindLinkedAsync(target.Id, blob.Digest, TestDatabase.Ct));
        Assert.Equal(TestDatabase.T0.AddDays(1).ToUnixTimeMilliseconds(), LastUsed(blob.Digest));
    }

    [Fact]
    public async Task Link_existing_refuses_a_blob_the_registry_does_not_hold()
    {
        var other = db.AddRegistry("other");
        var foreign = await db.Repo("x", other);
        var blob = await db.Blob(foreign, "elsewhere");
        var target = await db.Repo("target");

        Assert.False(await db.Blobs.LinkExistingAsync(target, blob.Digest, TestDatabase.T0, TestDatabase.Ct));
        Assert.False(await db.Blobs.LinkExistingAsync(target, TestManifests.RandomDigest(), TestDatabase.T0, TestDatabase.Ct));

        Assert.Null(await db.Blobs.FindLinkedAsync(target.Id, blob.Digest, TestDatabase.Ct));
        Assert.Null(await db.Blobs.FindAsync(1, blob.Digest, TestDatabase.Ct));
        Assert.Equal(1, db.Scalar("SELECT count(*) FROM repository_blobs;"));
    }

    [Fact]
    public async Task Unlink_removes_the_link_but_leaves_the_blob_to_the_collector()
    {
        var repo = await db.Repo("a");
        var blob = await db.Blob(repo, "layer");

        Assert.True(await db.Blobs.UnlinkAsync(repo.Id, blob.Digest, TestDatabase.Ct));
        Assert.False(await db.Blobs.UnlinkAsync(repo.Id, blob.Digest, TestDatabase.Ct));

        Assert.Null(await db.Blobs.FindLinkedAsync(repo.Id, blob.Digest, TestDatabase.Ct));
        Assert.NotNull(await db.Blobs.FindAsync(1, blob.Digest, TestDatabase.Ct));
    }

    [Fact]
    public async Task Sizes_come_from_the_registry_row_of_the_linking_repository()
    {
        var other = db.AddRegistry("other");
        var a = await db.Repo("a");
        var b = await db.Repo("b", other);
        var digest = TestManifests.RandomDigest();
        await db.Blobs.LinkAsync(a, digest, 5, TestDatabase.T0, long.MaxValue, TestDatabase.Ct);
        await db.Blobs.LinkAsync(b, digest, 5, TestDatabase.T0, long.MaxValue, TestDatabase.Ct);

        Assert.Equal(2, db.Scalar("SELECT count(*) FROM blobs WHERE digest = @d;", new { d = digest.ToString() }));
        Assert.Equal(5, (await db.Blobs.FindLinkedAsync(b.Id, digest, TestDatabase.Ct))!.Size);
    }
}
