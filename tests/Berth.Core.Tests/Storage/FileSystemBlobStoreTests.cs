using Berth.Core.Oci;
using Berth.Core.Storage;
using Berth.Core.Storage.FileSystem;

namespace Berth.Core.Tests.Storage;

/// <summary>What only the filesystem driver promises: its on-disk layout and that commits leave nothing behind.</summary>
public sealed class FileSystemBlobStoreTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string root = Path.Combine(Path.GetTempPath(), "berth-fs-" + Guid.NewGuid().ToString("N"));
    private readonly FileSystemBlobStore store;

    public FileSystemBlobStoreTests() => store = new FileSystemBlobStore(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string[] AllFiles() =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order()];

    private async Task<Guid> StageAsync(byte[] content)
    {
        var id = Guid.NewGuid();
        await store.CreateUploadAsync(id, Ct);
        await using var stream = await store.OpenAppendAsync(id, Ct);
        await stream.WriteAsync(content, Ct);
        return id;
    }

    private static async Task<List<StoredObject>> ToListAsync(IAsyncEnumerable<StoredObject> objects)
    {
        var list = new List<StoredObject>();
        await foreach (var o in objects)
        {
            list.Add(o);
        }

        return list;
    }

    [Fact]
    public void Constructor_creates_the_blob_and_upload_directories()
    {
        Assert.True(Directory.Exists(Path.Combine(root, "blobs")));
        Assert.True(Directory.Exists(Path.Combine(root, "uploads")));
        Assert.Throws<ArgumentException>(() => new FileSystemBlobStore(""));
        Assert.ThrowsAny<ArgumentException>(() => new FileSystemBlobStore(null!));
    }

    [Fact]
    public async Task Staging_objects_live_at_uploads_slash_id()
    {
        var id = await StageAsync("abc"u8.ToArray());

        Assert.Equal([Path.Combine("uploads", id.ToString("N"))], AllFiles());
        Assert.Equal("abc"u8.ToArray(), await File.ReadAllBytesAsync(Path.Combine(root, "uploads", id.ToString("N"))));
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("sha512")]
    public async Task Blobs_live_at_blobs_alg_first_two_hex_hex_and_commit_leaves_no_other_file(string algorithm)
    {
        var content = "hello"u8.ToArray();
        var digest = Digest.Compute(algorithm, content);

        await store.CommitAsync(await StageAsync(content), digest, Ct);

        var expected = Path.Combine("blobs", algorithm, digest.Hex[..2], digest.Hex);
        Assert.Equal([expected], AllFiles());
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(root, expected)));
    }

    [Fact]
    public async Task Deduplicating_and_concurrent_commits_leave_no_temp_or_staging_files()
    {
        var content = new byte[100_000];
        new Random(3).NextBytes(content);
        var digest = Digest.Compute(content);
        await store.CommitAsync(await StageAsync(content), digest, Ct);
        var ids = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => StageAsync(content)));

        await Task.WhenAll(ids.Select(id => Task.Run(() => store.CommitAsync(id, digest, Ct))));

        Assert.Equal([Path.Combine("blobs", "sha256", digest.Hex[..2], digest.Hex)], AllFiles());
    }

    [Fact]
    public async Task Deleting_a_blob_removes_its_file()
    {
        var digest = Digest.Compute("x"u8);
        await store.CommitAsync(await StageAsync("x"u8.ToArray()), digest, Ct);

        Assert.True(await store.DeleteAsync(digest, Ct));

        Assert.Empty(AllFiles());
    }

    [Fact]
    public async Task Listings_skip_files_that_are_not_blobs_or_uploads()
    {
        var digest = Digest.Compute("x"u8);
        await store.CommitAsync(await StageAsync("x"u8.ToArray()), digest, Ct);
        var id = await StageAsync([1, 2]);
        var shard = Path.Combine(root, "blobs", "sha256", digest.Hex[..2]);
        await File.WriteAllTextAsync(Path.Combine(shard, digest.Hex + ".tmp"), "partial");
        await File.WriteAllTextAsync(Path.Combine(shard, digest.Hex.ToUpperInvariant()), "upper");
        await File.WriteAllTextAsync(Path.Combine(root, "blobs", "sha256", "README"), "stray");
        Directory.CreateDirectory(Path.Combine(root, "blobs", "md5"));
        await File.WriteAllTextAsync(Path.Combine(root, "blobs", "md5", new string('a', 32)), "md5");
        await File.WriteAllTextAsync(Path.Combine(root, "uploads", "not-a-guid"), "stray");
        await File.WriteAllTextAsync(Path.Combine(root, "uploads", id.ToString("D")), "other guid format");

        Assert.Equal([digest.ToString()], (await ToListAsync(store.ListAsync(Ct))).Select(o => o.Key));
        Assert.Equal([id.ToString("N")], (await ToListAsync(store.ListUploadsAsync(Ct))).Select(o => o.Key));
    }

    [Fact]
    public async Task Append_to_a_missing_upload_throws_and_creates_nothing()
    {
        var id = Guid.NewGuid();

        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenAppendAsync(id, Ct));

        Assert.Empty(AllFiles());
    }

    [Fact]
    public async Task Default_digest_is_refused_instead_of_building_a_path_from_it()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetSizeAsync(default, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.CommitAsync(Guid.NewGuid(), default, Ct));
    }
}
