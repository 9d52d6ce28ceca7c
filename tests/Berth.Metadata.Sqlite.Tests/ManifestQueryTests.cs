using Berth.Core.Metadata;
using Berth.Core.Oci;

namespace Berth.Metadata.Sqlite.Tests;

public sealed class ManifestQueryTests : IDisposable
{
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    private static CancellationToken Ct => TestDatabase.Ct;

    private async Task<(RepositoryRecord Repo, Descriptor Config, Descriptor Layer)> Setup()
    {
        var repo = await db.Repo("app");
        return (repo, await db.Blob(repo, "config", mediaType: "application/vnd.oci.image.config.v1+json"), await db.Blob(repo, "layer"));
    }

    private async Task<ManifestWrite> Push(RepositoryRecord repo, ManifestWrite write)
    {
        Assert.True((await db.Manifests.PutAsync(repo, write, Ct)).Succeeded);
        return write;
    }

    [Fact]
    public async Task Delete_by_digest_removes_the_manifest_its_references_and_every_tag_on_it()
    {
        var (repo, config, layer) = await Setup();
        var doomed = await Push(repo, TestManifests.Image(config, [layer], tag: "a", salt: "doomed"));
        await Push(repo, doomed.WithTag("b"));
        var kept = await Push(repo, TestManifests.Image(config, [layer], tag: "c", salt: "kept"));

        Assert.True(await db.Manifests.DeleteAsync(repo.Id, doomed.Digest, Ct));
        Assert.False(await db.Manifests.DeleteAsync(repo.Id, doomed.Digest, Ct));

        Assert.Null(await db.Manifests.GetAsync(repo.Id, doomed.Digest, Ct));
        Assert.Null(await db.Manifests.GetByTagAsync(repo.Id, "a", Ct));
        Assert.Equal(["c"], await db.Manifests.ListTagsAsync(repo.Id, null, 10, Ct));
        Assert.Equal(0, db.Scalar("SELECT count(*) FROM manifest_references WHERE manifest_digest = @d;", new { d = doomed.Digest.ToString() }));
        Assert.Equal(2, db.Scalar("SELECT count(*) FROM manifest_references WHERE manifest_digest = @d;", new { d = kept.Digest.ToString() }));
        Assert.NotNull(await db.Blobs.FindLinkedAsync(repo.Id, layer.Digest, Ct));
    }

    [Fact]
    public async Task Untag_removes_only_the_tag()
    {
        var (repo, config, layer) = await Setup();
        var write = await Push(repo, TestManifests.Image(config, [layer], tag: "v1"));

        Assert.True(await db.Manifests.UntagAsync(repo.Id, "v1", Ct));
        Assert.False(await db.Manifests.UntagAsync(repo.Id, "v1", Ct));
        Assert.False(await db.Manifests.UntagAsync(repo.Id, "never", Ct));

        Assert.Null(await db.Manifests.GetByTagAsync(repo.Id, "v1", Ct));
        Assert.NotNull(await db.Manifests.GetAsync(repo.Id, write.Digest, Ct));
        Assert.Equal(2, db.Scalar("SELECT count(*) FROM manifest_references;"));
    }

    [Fact]
    public async Task Lookups_are_scoped_to_the_repository()
    {
        var (repo, config, layer) = await Setup();
        var other = await db.Repo("other");
        var write = await Push(repo, TestManifests.Image(config, [layer], tag: "latest"));

        Assert.Null(await db.Manifests.GetAsync(other.Id, write.Digest, Ct));
        Assert.Null(await db.Manifests.GetByTagAsync(other.Id, "latest", Ct));
        Assert.False(await db.Manifests.DeleteAsync(other.Id, write.Digest, Ct));
        Assert.Empty(await db.Manifests.ListTagsAsync(other.Id, null, 10, Ct));
    }

    [Fact]
    public async Task Tags_page_in_byte_wise_lexical_order()
    {
        var (repo, config, layer) = await Setup();
        var write = await Push(repo, TestManifests.Image(config, [layer]));
        foreach (var tag in new[] { "v1.9", "latest", "v1.10", "Latest", "1", "v1.10-rc" })
        {
            await Push(repo, write.WithTag(tag));
        }

        Assert.Equal(["1", "Latest", "latest", "v1.10", "v1.10-rc", "v1.9"], await db.Manifests.ListTagsAsync(repo.Id, null, 100, Ct));
        Assert.Equal(["1", "Latest"], await db.Manifests.ListTagsAsync(repo.Id, null, 2, Ct));
        Assert.Equal(["latest", "v1.10"], await db.Manifests.ListTagsAsync(repo.Id, "Latest", 2, Ct));
        Assert.Equal(["v1.9"], await db.Manifests.ListTagsAsync(repo.Id, "v1.10-rc", 2, Ct));
        Assert.Equal(["v1.10"], await db.Manifests.ListTagsAsync(repo.Id, "v1.1", 1, Ct));
        Assert.Empty(await db.Manifests.ListTagsAsync(repo.Id, "v1.9", 5, Ct));
        Assert.Empty(await db.Manifests.ListTagsAsync(repo.Id, "zzz", 5, Ct));
        Assert.Empty(await db.Manifests.ListTagsAsync(repo.Id, null, 0, Ct));
    }

    [Fact]
    public async Task Referrers_are_listed_by_subject_with_an_optional_artifact_type_filter()
    {
        var (repo, config, layer) = await Setup();
        var subject = await Push(repo, TestManifests.Image(config, [layer], tag: "latest"));
        var subjectDescriptor = subject.Describe();
        var sbom = await Push(repo, TestManifests.Image(config, [layer], subject: subjectDescriptor, artifactType: "application/spdx+json",
            annotations: "{\"org.example\":\"sbom\"}", salt: "sbom"));
        var signature = await Push(repo, TestManifests.Image(config, [layer], subject: subjectDescriptor, salt: "sig", at: TestDatabase.T0.AddSeconds(1)));
        await Push(repo, TestManifests.Image(config, [layer], subject: TestManifests.Missing(), salt: "unrelated"));

        var all = await db.Manifests.ListReferrersAsync(repo.Id, subject.Digest, null, Ct);
        var sboms = await db.Manifests.ListReferrersAsync(repo.Id, subject.Digest, "application/spdx+json", Ct);
        var none = await db.Manifests.ListReferrersAsync(repo.Id, subject.Digest, "application/other", Ct);

        Assert.Equal([sbom.Digest, signature.Digest], all.Select(r => r.Digest));
        var first = Assert.Single(sboms);
        Assert.Equal(new ReferrerRecord(sbom.Digest, MediaTypes.OciManifest, sbom.Content.LongLength, "application/spdx+json", "{\"org.example\":\"sbom\"}"), first);

        // Without artifactType the config media type stands in (EffectiveArtifactType).
        Assert.Equal("application/vnd.oci.image.config.v1+json", all[1].ArtifactType);
        Assert.Null(all[1].AnnotationsJson);
        Assert.Empty(none);
        Assert.Empty(await db.Manifests.ListReferrersAsync(repo.Id, TestManifests.RandomDigest(), null, Ct));
        Assert.Empty(await db.Manifests.ListReferrersAsync((await db.Repo("other")).Id, subject.Digest, null, Ct));
    }
}
