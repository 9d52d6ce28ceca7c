namespace Berth.Metadata.Sqlite.Tests;

/// <summary>The dry-run preview counts what the real passes remove together, and changes nothing.</summary>
public sealed class GarbagePreviewTests : IDisposable
{
    private static readonly DateTimeOffset Cutoff = TestDatabase.T0.AddHours(1);
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    private long Rows() => db.Scalar(
        "SELECT (SELECT count(*) FROM manifests) + (SELECT count(*) FROM repository_blobs) + (SELECT count(*) FROM blobs) + (SELECT count(*) FROM manifest_references);");

    [Fact]
    public async Task Preview_counts_blobs_freed_by_the_link_and_manifest_passes_and_changes_nothing()
    {
        var repo = await db.Repo("a");
        await db.Blob(repo, "loose");
        var untagged = TestManifests.Image(await db.Blob(repo, "config-1"), [await db.Blob(repo, "layer-1")]);
        Assert.True((await db.Manifests.PutAsync(repo, untagged, TestDatabase.Ct)).Succeeded);
        var tagged = TestManifests.Image(await db.Blob(repo, "config-2"), [await db.Blob(repo, "layer-2")], tag: "v1");
        Assert.True((await db.Manifests.PutAsync(repo, tagged, TestDatabase.Ct)).Succeeded);
        var before = Rows();

        var withUntagged = await db.Garbage.PreviewAsync(Cutoff, untaggedManifests: true, TestDatabase.Ct);
        var linksOnly = await db.Garbage.PreviewAsync(Cutoff, untaggedManifests: false, TestDatabase.Ct);

        Assert.Equal(before, Rows());
        Assert.Equal((1, 3, 3), (withUntagged.UntaggedManifests, withUntagged.UnreferencedLinks, withUntagged.Blobs.Count));
        Assert.Equal((0, 1, 1), (linksOnly.UntaggedManifests, linksOnly.UnreferencedLinks, linksOnly.Blobs.Count));
        Assert.Equal("loose".Length, linksOnly.Blobs.Single().Size);

        // The real passes remove exactly what the preview announced.
        Assert.Equal(1, await db.Garbage.DeleteUntaggedManifestsAsync(Cutoff, TestDatabase.Ct));
        Assert.Equal(3, await db.Garbage.DeleteUnreferencedLinksAsync(Cutoff, TestDatabase.Ct));
        Assert.Equal(withUntagged.Blobs, await db.Garbage.ListUnlinkedBlobsAsync(Cutoff, 100, TestDatabase.Ct));
    }

    [Fact]
    public async Task Preview_respects_the_cutoff()
    {
        var repo = await db.Repo("a");
        await db.Blob(repo, "young", Cutoff.AddMinutes(1));

        var preview = await db.Garbage.PreviewAsync(Cutoff, untaggedManifests: true, TestDatabase.Ct);

        Assert.Equal((0, 0, 0), (preview.UntaggedManifests, preview.UnreferencedLinks, preview.Blobs.Count));
    }
}
