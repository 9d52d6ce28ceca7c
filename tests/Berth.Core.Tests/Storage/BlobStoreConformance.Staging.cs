using Berth.Core.Oci;

namespace Berth.Core.Tests.Storage;

/// <summary>The <see cref="Berth.Core.Storage.IBlobStaging"/> half of the conformance suite.</summary>
public abstract partial class BlobStoreConformance
{
    protected async Task<byte[]> ReadUploadAsync(Guid id) => await ReadAllAsync(await Staging.OpenUploadReadAsync(id, Ct));

    [Fact]
    public async Task Absent_upload_has_no_size_refuses_streams_and_deletes_quietly()
    {
        var id = Guid.NewGuid();

        Assert.Null(await Staging.GetUploadSizeAsync(id, Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => Staging.OpenAppendAsync(id, Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => Staging.OpenUploadReadAsync(id, Ct));
        await Staging.DeleteUploadAsync(id, Ct);
        Assert.Empty(await ToListAsync(Staging.ListUploadsAsync(Ct)));
        Assert.Null(await Staging.GetUploadSizeAsync(id, Ct));
    }

    [Fact]
    public async Task Created_upload_is_empty()
    {
        var id = Guid.NewGuid();

        await Staging.CreateUploadAsync(id, Ct);

        Assert.Equal(0, await Staging.GetUploadSizeAsync(id, Ct));
        Assert.Empty(await ReadUploadAsync(id));
    }

    [Fact]
    public async Task Appends_accumulate_in_order()
    {
        var first = Content(1000, seed: 1);
        var second = Content(5000, seed: 2);
        var id = await StageAsync(first);

        await AppendAsync(id, second);
        await AppendAsync(id, []);

        Assert.Equal(6000, await Staging.GetUploadSizeAsync(id, Ct));
        Assert.Equal(first.Concat(second).ToArray(), await ReadUploadAsync(id));
    }

    [Fact]
    public async Task Create_replaces_a_leftover_staging_object()
    {
        var id = await StageAsync(Content(100));

        await Staging.CreateUploadAsync(id, Ct);

        Assert.Equal(0, await Staging.GetUploadSizeAsync(id, Ct));
        Assert.Empty(await ReadUploadAsync(id));
    }

    [Fact]
    public async Task Truncate_undoes_a_failed_append_and_later_appends_continue_from_there()
    {
        var good = Content(100, seed: 1);
        var id = await StageAsync(good);
        await AppendAsync(id, Content(50, seed: 2));

        await Staging.TruncateUploadAsync(id, 100, Ct);
        Assert.Equal(100, await Staging.GetUploadSizeAsync(id, Ct));
        Assert.Equal(good, await ReadUploadAsync(id));

        var next = Content(20, seed: 3);
        await AppendAsync(id, next);
        Assert.Equal(good.Concat(next).ToArray(), await ReadUploadAsync(id));

        await Staging.TruncateUploadAsync(id, 0, Ct);
        Assert.Equal(0, await Staging.GetUploadSizeAsync(id, Ct));
    }

    [Fact]
    public async Task Uploads_are_independent()
    {
        var a = await StageAsync(Content(10, seed: 1));
        var b = await StageAsync(Content(20, seed: 2));

        await AppendAsync(a, Content(5, seed: 3));
        await Staging.DeleteUploadAsync(b, Ct);

        Assert.Equal(15, await Staging.GetUploadSizeAsync(a, Ct));
        Assert.Null(await Staging.GetUploadSizeAsync(b, Ct));
    }

    [Fact]
    public async Task Delete_removes_the_upload_and_is_idempotent()
    {
        var id = await StageAsync(Content(10));

        await Staging.DeleteUploadAsync(id, Ct);
        await Staging.DeleteUploadAsync(id, Ct);

        Assert.Null(await Staging.GetUploadSizeAsync(id, Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => Staging.OpenUploadReadAsync(id, Ct));
        Assert.Empty(await ToListAsync(Staging.ListUploadsAsync(Ct)));
    }

    [Fact]
    public async Task ListUploads_yields_staging_objects_keyed_by_id_and_never_blobs()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        var a = await StageAsync(Content(7, seed: 1));
        var b = Guid.NewGuid();
        await Staging.CreateUploadAsync(b, Ct);
        await PutAsync(Content(9, seed: 2));
        var after = DateTimeOffset.UtcNow.AddMinutes(5);

        var listed = await ToListAsync(Staging.ListUploadsAsync(Ct));

        Assert.Equal(
            new[] { (a.ToString("N"), 7L), (b.ToString("N"), 0L) }.Order(),
            listed.Select(o => (o.Key, o.Size)).Order());
        Assert.All(listed, o => Assert.InRange(o.LastModified, before, after));
    }

    [Fact]
    public async Task Commit_moves_the_staging_object_to_the_digest()
    {
        var content = Content(3000);
        var digest = Digest.Compute(content);
        var id = await StageAsync(content);

        await Staging.CommitAsync(id, digest, Ct);

        Assert.Null(await Staging.GetUploadSizeAsync(id, Ct));
        Assert.Empty(await ToListAsync(Staging.ListUploadsAsync(Ct)));
        Assert.Equal(3000, await Store.GetSizeAsync(digest, Ct));
        Assert.Equal(content, await ReadBlobAsync(digest));
        Assert.Equal([digest.ToString()], (await ToListAsync(Store.ListAsync(Ct))).Select(o => o.Key));
    }

    [Fact]
    public async Task Commit_onto_an_existing_object_removes_the_staging_object_and_keeps_one_blob()
    {
        var content = Content(500);
        var digest = await PutAsync(content);
        var again = await StageAsync(content);

        await Staging.CommitAsync(again, digest, Ct);

        Assert.Null(await Staging.GetUploadSizeAsync(again, Ct));
        Assert.Empty(await ToListAsync(Staging.ListUploadsAsync(Ct)));
        Assert.Equal(content, await ReadBlobAsync(digest));
        Assert.Single(await ToListAsync(Store.ListAsync(Ct)));
    }

    [Fact]
    public async Task Committed_objects_are_immutable()
    {
        var content = Content(500, seed: 1);
        var digest = await PutAsync(content);
        var impostor = await StageAsync(Content(600, seed: 2));

        await Staging.CommitAsync(impostor, digest, Ct);

        Assert.Equal(500, await Store.GetSizeAsync(digest, Ct));
        Assert.Equal(content, await ReadBlobAsync(digest));
    }

    [Fact]
    public async Task Concurrent_commits_of_one_digest_all_succeed_and_leave_one_correct_object()
    {
        var content = Content(256 * 1024, seed: 42);
        var digest = Digest.Compute(content);
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => StageAsync(content)));

        await Task.WhenAll(ids.Select(id => Task.Run(() => Staging.CommitAsync(id, digest, Ct))));

        Assert.Equal(content, await ReadBlobAsync(digest));
        Assert.Equal([(digest.ToString(), content.LongLength)], (await ToListAsync(Store.ListAsync(Ct))).Select(o => (o.Key, o.Size)));
        Assert.Empty(await ToListAsync(Staging.ListUploadsAsync(Ct)));
        foreach (var id in ids)
        {
            Assert.Null(await Staging.GetUploadSizeAsync(id, Ct));
        }
    }

    [Fact]
    public async Task Concurrent_commits_of_different_digests_do_not_interfere()
    {
        var contents = Enumerable.Range(0, 16).Select(i => Content(1000 + i, seed: i)).ToArray();
        var staged = await Task.WhenAll(contents.Select(async c => (Id: await StageAsync(c), Digest: Digest.Compute(c))));

        await Task.WhenAll(staged.Select(s => Task.Run(() => Staging.CommitAsync(s.Id, s.Digest, Ct))));

        for (var i = 0; i < contents.Length; i++)
        {
            Assert.Equal(contents[i], await ReadBlobAsync(staged[i].Digest));
        }

        Assert.Equal(contents.Length, (await ToListAsync(Store.ListAsync(Ct))).Count);
    }
}
