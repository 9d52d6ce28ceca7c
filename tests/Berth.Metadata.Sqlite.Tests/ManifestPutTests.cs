using Berth.Core.Metadata;
using Berth.Core.Oci;

namespace Berth.Metadata.Sqlite.Tests;

public sealed class ManifestPutTests : IDisposable
{
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    private static CancellationToken Ct => TestDatabase.Ct;

    private async Task<(RepositoryRecord Repo, Descriptor Config, Descriptor Layer)> Setup(string name = "app")
    {
        var repo = await db.Repo(name);
        return (repo, await db.Blob(repo, "config " + name, mediaType: "application/vnd.oci.image.config.v1+json"), await db.Blob(repo, "layer " + name));
    }

    private long Count(string table) => db.Scalar($"SELECT count(*) FROM {table};");

    [Fact]
    public async Task An_image_with_all_blobs_is_stored_with_references_and_tag()
    {
        var (repo, config, layer) = await Setup();
        var write = TestManifests.Image(config, [layer], tag: "latest");

        var result = await db.Manifests.PutAsync(repo, write, Ct);

        Assert.True(result.Succeeded);
        var byDigest = await db.Manifests.GetAsync(repo.Id, write.Digest, Ct);
        var byTag = await db.Manifests.GetByTagAsync(repo.Id, "latest", Ct);
        Assert.NotNull(byDigest);
        Assert.Equal(write.Digest, byTag!.Digest);
        Assert.Equal(write.Content, byTag.Content);
        Assert.Equal(MediaTypes.OciManifest, byTag.MediaType);
        Assert.Null(byTag.Subject);
        Assert.Equal(write.Content.LongLength, db.Scalar("SELECT size FROM manifests;"));
        Assert.Equal(2, db.Scalar("SELECT count(*) FROM manifest_references WHERE kind = 'blob';"));
    }

    [Fact]
    public async Task A_missing_blob_is_reported_and_nothing_changes()
    {
        var (repo, config, layer) = await Setup();
        var missing = TestManifests.Missing();
        var write = TestManifests.Image(config, [layer, missing], tag: "latest", at: TestDatabase.T0.AddDays(3));

        var result = await db.Manifests.PutAsync(repo, write, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal([missing], result.MissingBlobs);
        Assert.Empty(result.SizeMismatches);
        Assert.Empty(result.MissingManifests);
        Assert.Null(await db.Manifests.GetAsync(repo.Id, write.Digest, Ct));
        Assert.Null(await db.Manifests.GetByTagAsync(repo.Id, "latest", Ct));
        Assert.Equal(0, Count("manifests") + Count("manifest_references") + Count("tags"));
        Assert.Equal(TestDatabase.T0.ToUnixTimeMilliseconds(), db.Scalar("SELECT max(last_used_at) FROM blobs;"));
    }

    [Fact]
    public async Task A_blob_the_registry_holds_but_this_repository_has_not_linked_is_missing()
    {
        var (repo, config, _) = await Setup();
        var elsewhere = await db.Repo("elsewhere");
        var foreignLayer = await db.Blob(elsewhere, "only elsewhere");

        var result = await db.Manifests.PutAsync(repo, TestManifests.Image(config, [foreignLayer]), Ct);

        Assert.Equal([foreignLayer], result.MissingBlobs);
    }

    [Fact]
    public async Task A_declared_size_different_from_the_stored_blob_is_a_mismatch()
    {
        var (repo, config, layer) = await Setup();
        var lying = layer with { Size = layer.Size + 1 };

        var result = await db.Manifests.PutAsync(repo, TestManifests.Image(config, [lying]), Ct);

        Assert.False(result.Succeeded);
        Assert.Equal([lying], result.SizeMismatches);
        Assert.Empty(result.MissingBlobs);
        Assert.Equal(0, Count("manifests"));
    }

    [Fact]
    public async Task Foreign_layers_with_urls_are_not_required()
    {
        var (repo, config, layer) = await Setup();
        var foreign = new Descriptor("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", TestManifests.RandomDigest(), 99, HasUrls: true);

        var result = await db.Manifests.PutAsync(repo, TestManifests.Image(config, [layer, foreign]), Ct);

        Assert.True(result.Succeeded);
        Assert.Equal(0, db.Scalar("SELECT count(*) FROM manifest_references WHERE child_digest = @d;", new { d = foreign.Digest.ToString() }));
    }

    [Fact]
    public async Task An_index_with_a_missing_child_is_reported_and_stores_nothing()
    {
        var (repo, config, layer) = await Setup();
        var child = TestManifests.Image(config, [layer]);
        Assert.True((await db.Manifests.PutAsync(repo, child, Ct)).Succeeded);
        var absent = TestManifests.Image(config, [layer], salt: "never pushed").Describe();
        var index = TestManifests.Index([child.Describe(), absent], tag: "multi");

        var result = await db.Manifests.PutAsync(repo, index, Ct);

        Assert.Equal([absent], result.MissingManifests);
        Assert.Empty(result.MissingBlobs);
        Assert.Null(await db.Manifests.GetAsync(repo.Id, index.Digest, Ct));
        Assert.Equal(0, Count("tags"));
    }

    [Fact]
    public async Task An_index_whose_children_exist_is_stored_with_manifest_references()
    {
        var (repo, config, layer) = await Setup();
        var child = TestManifests.Image(config, [layer]);
        await db.Manifests.PutAsync(repo, child, Ct);
        var index = TestManifests.Index([child.Describe()], tag: "multi");

        Assert.True((await db.Manifests.PutAsync(repo, index, Ct)).Succeeded);

        Assert.Equal(index.Digest, (await db.Manifests.GetByTagAsync(repo.Id, "multi", Ct))!.Digest);
        Assert.Equal(1, db.Scalar(
            "SELECT count(*) FROM manifest_references WHERE manifest_digest = @i AND child_digest = @c AND kind = 'manifest';",
            new { i = index.Digest.ToString(), c = child.Digest.ToString() }));
    }

    [Fact]
    public async Task A_child_manifest_in_another_repository_does_not_count()
    {
        var (repo, _, _) = await Setup();
        var (other, otherConfig, otherLayer) = await Setup("other");
        var child = TestManifests.Image(otherConfig, [otherLayer]);
        await db.Manifests.PutAsync(other, child, Ct);

        var result = await db.Manifests.PutAsync(repo, TestManifests.Index([child.Describe()]), Ct);

        Assert.Equal([child.Describe()], result.MissingManifests);
    }

    [Fact]
    public async Task Pushing_the_same_manifest_twice_is_idempotent()
    {
        var (repo, config, layer) = await Setup();
        var write = TestManifests.Image(config, [layer], tag: "v1");
        await db.Manifests.PutAsync(repo, write, Ct);
        var references = Count("manifest_references");

        var again = await db.Manifests.PutAsync(repo, write.WithTag("v1", TestDatabase.T0.AddHours(5)), Ct);

        Assert.True(again.Succeeded);
        Assert.Equal(1, Count("manifests"));
        Assert.Equal(references, Count("manifest_references"));
        Assert.Equal(1, Count("tags"));
        Assert.Equal(TestDatabase.T0.ToUnixTimeMilliseconds(), db.Scalar("SELECT created_at FROM manifests;"));
        Assert.Equal(TestDatabase.T0.AddHours(5).ToUnixTimeMilliseconds(), db.Scalar("SELECT min(last_used_at) FROM blobs;"));
    }

    [Fact]
    public async Task Pushing_another_manifest_with_the_same_tag_moves_the_tag()
    {
        var (repo, config, layer) = await Setup();
        var first = TestManifests.Image(config, [layer], tag: "latest", salt: "1");
        var second = TestManifests.Image(config, [layer], tag: "latest", salt: "2", at: TestDatabase.T0.AddMinutes(1));
        await db.Manifests.PutAsync(repo, first, Ct);

        await db.Manifests.PutAsync(repo, second, Ct);

        Assert.Equal(second.Digest, (await db.Manifests.GetByTagAsync(repo.Id, "latest", Ct))!.Digest);
        Assert.NotNull(await db.Manifests.GetAsync(repo.Id, first.Digest, Ct));
        Assert.Equal(1, Count("tags"));
        Assert.Equal(TestDatabase.T0.AddMinutes(1).ToUnixTimeMilliseconds(), db.Scalar("SELECT updated_at FROM tags;"));
    }

    [Fact]
    public async Task Subject_annotations_and_artifact_type_are_stored_without_requiring_the_subject()
    {
        var (repo, config, layer) = await Setup();
        var subject = TestManifests.Missing(123) with { MediaType = MediaTypes.OciManifest };
        var write = TestManifests.Image(config, [layer], subject: subject, artifactType: "application/vnd.example.sbom", annotations: "{\"a\":\"b\"}");

        Assert.True((await db.Manifests.PutAsync(repo, write, Ct)).Succeeded);

        var stored = await db.Manifests.GetAsync(repo.Id, write.Digest, Ct);
        Assert.Equal(subject.Digest, stored!.Subject);
        Assert.Equal("application/vnd.example.sbom", db.Text("SELECT artifact_type FROM manifests;"));
        Assert.Equal("{\"a\":\"b\"}", db.Text("SELECT annotations FROM manifests;"));
        Assert.Equal(0, db.Scalar("SELECT count(*) FROM manifest_references WHERE child_digest = @d;", new { d = subject.Digest.ToString() }));
    }
}
