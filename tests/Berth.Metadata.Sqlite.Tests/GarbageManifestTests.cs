using Berth.Core.Metadata;
using Berth.Core.Oci;

namespace Berth.Metadata.Sqlite.Tests;

public sealed class GarbageManifestTests : IDisposable
{
    private static readonly DateTimeOffset Cutoff = TestDatabase.T0.AddHours(1);
    private static readonly DateTimeOffset Young = TestDatabase.T0.AddHours(2);
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    private static CancellationToken Ct => TestDatabase.Ct;

    private async Task<(RepositoryRecord Repo, Descriptor Config, Descriptor Layer)> Setup(string name = "app")
    {
        var repo = await db.Repo(name);
        return (repo, await db.Blob(repo, "config"), await db.Blob(repo, "layer"));
    }

    private async Task<ManifestWrite> Push(RepositoryRecord repo, ManifestWrite write)
    {
        Assert.True((await db.Manifests.PutAsync(repo, write, Ct)).Succeeded);
        return write;
    }

    private async Task<bool> Exists(RepositoryRecord repo, ManifestWrite write) =>
        await db.Manifests.GetAsync(repo.Id, write.Digest, Ct) is not null;

    [Fact]
    public async Task Old_untagged_manifests_go_while_tagged_and_young_ones_stay()
    {
        var (repo, config, layer) = await Setup();
        var tagged = await Push(repo, TestManifests.Image(config, [layer], tag: "latest", salt: "tagged"));
        var untagged = await Push(repo, TestManifests.Image(config, [layer], salt: "untagged"));
        var young = await Push(repo, TestManifests.Image(config, [layer], salt: "young", at: Young));

        Assert.Equal(1, await db.Garbage.DeleteUntaggedManifestsAsync(Cutoff, Ct));

        Assert.True(await Exists(repo, tagged));
        Assert.False(await Exists(repo, untagged));
        Assert.True(await Exists(repo, young));
        Assert.Equal(0, db.Scalar("SELECT count(*) FROM manifest_references WHERE manifest_digest = @d;", new { d = untagged.Digest.ToString() }));
        Assert.Equal(0, await db.Garbage.DeleteUntaggedManifestsAsync(Cutoff, Ct));
    }

    [Fact]
    public async Task Children_of_a_tagged_index_stay_and_go_with_their_untagged_index()
    {
        var (repo, config, layer) = await Setup();
        var amd64 = await Push(repo, TestManifests.Image(config, [layer], salt: "amd64"));
        var arm64 = await Push(repo, TestManifests.Image(config, [layer], salt: "arm64"));
        var index = await Push(repo, TestManifests.Index([amd64.Describe(), arm64.Describe()], tag: "multi"));

        Assert.Equal(0, await db.Garbage.DeleteUntaggedManifestsAsync(Cutoff, Ct));
        Assert.True(await Exists(repo, amd64));

        await db.Manifests.UntagAsync(repo.Id, "multi", Ct);
        Assert.Equal(3, await db.Garbage.DeleteUntaggedManifestsAsync(Cutoff, Ct));

        Assert.False(await Exists(repo, index));
        Assert.False(await Exists(repo, amd64));
        Assert.False(await Exists(repo, arm64));
    }

    [Fact]
    public async Task An_index_in_another_repository_does_not_keep_a_manifest()
    {
        var (repo, config, layer) = await Setup();
        var (other, otherConfig, otherLayer) = await Setup("other");
        var child = await Push(repo, TestManifests.Image(config, [layer]));
        var sameInOther = await Push(other, TestManifests.Image(otherConfig, [otherLayer]));
        await Push(other, TestManifests.Index([sameInOther.Describe()], tag: "keep"));
        Assert.Equal(child.Digest, sameInOther.Digest);

        Assert.Equal(1, await db.Garbage.DeleteUntaggedManifestsAsync(Cutoff, Ct));

        Assert.False(await Exists(repo, child));
        Assert.True(await Exists(other, sameInOther));
    }

    [Fact]
    public async Task Referrers_of_a_live_subject_stay_and_referrers_of_a_gone_subject_go()
    {
        var (repo, config, layer) = await Setup();
        var live = await Push(repo, TestManifests.Image(config, [layer], tag: "latest", salt: "live"));
        var signature = await Push(repo, TestManifests.Image(config, [layer], subject: live.Describe(), salt: "sig"));
        var orphan = await Push(repo, TestManifests.Image(config, [layer], subject: TestManifests.Missing(), salt: "orphan"));
        var untaggedSubject = await Push(repo, TestManifests.Image(config, [layer], salt: "old subject"));
        var itsSbom = await Push(repo, TestManifests.Image(config, [layer], subject: untaggedSubject.Describe(), salt: "sbom"));

        Assert.Equal(3, await db.Garbage.DeleteUntaggedManifestsAsync(Cutoff, Ct));

        Assert.True(await Exists(repo, signature));
        Assert.False(await Exists(repo, orphan));
        Assert.False(await Exists(repo, untaggedSubject));
        Assert.False(await Exists(repo, itsSbom));
    }

    [Fact]
    public async Task Dry_run_counts_every_pass_and_deletes_nothing()
    {
        var (repo, config, layer) = await Setup();
        var child = await Push(repo, TestManifests.Image(config, [layer], salt: "child"));
        await Push(repo, TestManifests.Index([child.Describe()]));
        await Push(repo, TestManifests.Image(config, [layer], tag: "latest", salt: "tagged"));
        var before = db.Scalar("SELECT count(*) FROM manifests;") + db.Scalar("SELECT count(*) FROM manifest_references;");

        Assert.Equal(2, (await db.Garbage.PreviewAsync(Cutoff, untaggedManifests: true, Ct)).UntaggedManifests);

        Assert.Equal(before, db.Scalar("SELECT count(*) FROM manifests;") + db.Scalar("SELECT count(*) FROM manifest_references;"));
        Assert.True(await Exists(repo, child));
        Assert.Equal(2, await db.Garbage.DeleteUntaggedManifestsAsync(Cutoff, Ct));
    }
}
