using Berth.Core.Oci;
using Berth.Core.Storage;

namespace Berth.Core.Tests.Storage;

/// <summary>
/// The one conformance suite every blob storage driver passes: the contracts of <see cref="IBlobStore"/>
/// and <see cref="IBlobStaging"/>, checked only through those interfaces.
/// <para>
/// To add a driver (Azure, S3, …), derive a sealed class from this one and implement
/// <see cref="CreateDriverAsync"/>; every <c>[Fact]</c> and <c>[Theory]</c> here then runs against it. The
/// factory is called once per test and must return an empty store (a fresh directory, container or key
/// prefix); override <see cref="DeleteDriverAsync"/> to remove it afterwards. A driver whose backing
/// service is not available in the environment can mark its derived class's tests skipped there.
/// Driver-specific behaviour (on-disk layout, multipart details) belongs in the driver's own test class.
/// </para>
/// </summary>
public abstract partial class BlobStoreConformance : IAsyncLifetime
{
    private BlobDriver? driver;

    protected static CancellationToken Ct => CancellationToken.None;

    protected IBlobStore Store => (driver ?? throw new InvalidOperationException("not initialised")).Store;

    protected IBlobStaging Staging => (driver ?? throw new InvalidOperationException("not initialised")).Staging;

    /// <summary>Creates an empty driver for one test. Store and staging may be the same object.</summary>
    protected abstract Task<BlobDriver> CreateDriverAsync();

    /// <summary>Removes what <see cref="CreateDriverAsync"/> created; the default does nothing.</summary>
    protected virtual Task DeleteDriverAsync(BlobDriver created) => Task.CompletedTask;

    public async Task InitializeAsync() => driver = await CreateDriverAsync();

    public async Task DisposeAsync()
    {
        if (driver is not null)
        {
            await DeleteDriverAsync(driver);
        }
    }

    /// <summary>Deterministic pseudo-random bytes, so a failure reproduces.</summary>
    protected static byte[] Content(int size, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    protected async Task<Guid> StageAsync(byte[] content)
    {
        var id = Guid.NewGuid();
        await Staging.CreateUploadAsync(id, Ct);
        await AppendAsync(id, content);
        return id;
    }

    protected async Task AppendAsync(Guid id, byte[] content)
    {
        await using var stream = await Staging.OpenAppendAsync(id, Ct);
        await stream.WriteAsync(content, Ct);
    }

    protected async Task<Digest> PutAsync(byte[] content, string algorithm = Digest.Sha256)
    {
        var digest = Digest.Compute(algorithm, content);
        await Staging.CommitAsync(await StageAsync(content), digest, Ct);
        return digest;
    }

    protected static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, Ct);
            return buffer.ToArray();
        }
    }

    protected async Task<byte[]?> ReadBlobAsync(Digest digest, long offset = 0) =>
        await Store.OpenReadAsync(digest, offset, Ct) is { } s ? await ReadAllAsync(s) : null;

    protected static async Task<List<StoredObject>> ToListAsync(IAsyncEnumerable<StoredObject> objects)
    {
        var list = new List<StoredObject>();
        await foreach (var o in objects)
        {
            list.Add(o);
        }

        return list;
    }

    [Fact]
    public async Task Absent_blob_has_no_size_no_stream_and_delete_reports_false()
    {
        var digest = Digest.Compute("never stored"u8);

        Assert.Null(await Store.GetSizeAsync(digest, Ct));
        Assert.Null(await Store.OpenReadAsync(digest, 0, Ct));
        Assert.False(await Store.DeleteAsync(digest, Ct));
        Assert.Empty(await ToListAsync(Store.ListAsync(Ct)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(70_000)]
    public async Task Committed_blob_has_its_size_and_content(int size)
    {
        var content = Content(size);

        var digest = await PutAsync(content);

        Assert.Equal(size, await Store.GetSizeAsync(digest, Ct));
        Assert.Equal(content, await ReadBlobAsync(digest));
    }

    [Fact]
    public async Task Sha512_blobs_are_stored_apart_from_sha256_blobs()
    {
        var content = Content(100);

        var sha256 = await PutAsync(content);
        var sha512 = await PutAsync(content, Digest.Sha512);

        Assert.Equal(content, await ReadBlobAsync(sha512));
        Assert.True(await Store.DeleteAsync(sha256, Ct));
        Assert.Equal(100, await Store.GetSizeAsync(sha512, Ct));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(9_999)]
    [InlineData(10_000)]
    public async Task Read_starts_at_the_requested_offset(int offset)
    {
        var content = Content(10_000, seed: 7);
        var digest = await PutAsync(content);

        Assert.Equal(content[offset..], await ReadBlobAsync(digest, offset));
    }

    [Fact]
    public async Task Delete_removes_the_object_and_is_idempotent()
    {
        var kept = await PutAsync(Content(10, seed: 1));
        var deleted = await PutAsync(Content(10, seed: 2));

        Assert.True(await Store.DeleteAsync(deleted, Ct));
        Assert.False(await Store.DeleteAsync(deleted, Ct));

        Assert.Null(await Store.GetSizeAsync(deleted, Ct));
        Assert.Null(await Store.OpenReadAsync(deleted, 0, Ct));
        Assert.Equal([kept.ToString()], (await ToListAsync(Store.ListAsync(Ct))).Select(o => o.Key));
        Assert.Equal(10, await Store.GetSizeAsync(kept, Ct));
    }

    [Fact]
    public async Task A_deleted_blob_can_be_committed_again()
    {
        var content = Content(33);
        var digest = await PutAsync(content);
        await Store.DeleteAsync(digest, Ct);

        await PutAsync(content);

        Assert.Equal(content, await ReadBlobAsync(digest));
    }

    [Fact]
    public async Task List_yields_every_blob_keyed_by_digest_with_size_and_write_time()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        var a = await PutAsync(Content(1, seed: 1));
        var b = await PutAsync(Content(200, seed: 2));
        var c = await PutAsync(Content(3, seed: 3), Digest.Sha512);
        await StageAsync(Content(50, seed: 4));
        var after = DateTimeOffset.UtcNow.AddMinutes(5);

        var listed = await ToListAsync(Store.ListAsync(Ct));

        Assert.Equal(
            new[] { (a.ToString(), 1L), (b.ToString(), 200L), (c.ToString(), 3L) }.Order(),
            listed.Select(o => (o.Key, o.Size)).Order());
        Assert.All(listed, o => Assert.True(Digest.TryParse(o.Key, out _), o.Key));
        Assert.All(listed, o => Assert.InRange(o.LastModified, before, after));
    }
}

/// <summary>The driver under test; a driver class usually implements both interfaces.</summary>
public sealed record BlobDriver(IBlobStore Store, IBlobStaging Staging);
