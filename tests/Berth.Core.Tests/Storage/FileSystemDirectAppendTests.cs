using Berth.Core.Storage.FileSystem;

namespace Berth.Core.Tests.Storage;

/// <summary>
/// Large appends go past the page cache in whole 4 MiB blocks with the tail written normally; appends that do not
/// start on a block boundary fall back to ordinary writes. Either way the bytes must come back exactly.
/// </summary>
public sealed class FileSystemDirectAppendTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string root = Path.Combine(Path.GetTempPath(), "berth-direct-" + Guid.NewGuid().ToString("N"));
    private readonly FileSystemBlobStore store;

    public FileSystemDirectAppendTests() => store = new FileSystemBlobStore(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Theory]
    [InlineData(new[] { 9 * 1024 * 1024 + 123 })]
    [InlineData(new[] { 4 * 1024 * 1024 })]
    [InlineData(new[] { 8 * 1024 * 1024, 3 * 1024 * 1024 + 7, 5000, 4 * 1024 * 1024 })]
    [InlineData(new[] { 100, 4096 * 3, 6 * 1024 * 1024 })]
    public async Task Appends_of_any_size_and_alignment_read_back_exactly(int[] chunks)
    {
        var id = Guid.NewGuid();
        await store.CreateUploadAsync(id, Ct);
        var expected = new MemoryStream();
        foreach (var size in chunks)
        {
            var chunk = new byte[size];
            Random.Shared.NextBytes(chunk);
            await using (var stream = await store.OpenAppendAsync(id, Ct))
            {
                // Odd-sized writes, as a request body arrives.
                for (var offset = 0; offset < size; offset += 300_001)
                {
                    await stream.WriteAsync(chunk.AsMemory(offset, Math.Min(300_001, size - offset)), Ct);
                }
            }

            expected.Write(chunk);
            Assert.Equal(expected.Length, await store.GetUploadSizeAsync(id, Ct));
        }

        await using var read = await store.OpenUploadReadAsync(id, Ct);
        var actual = new MemoryStream();
        await read.CopyToAsync(actual, Ct);
        Assert.Equal(expected.ToArray(), actual.ToArray());
    }

    [Fact]
    public async Task Truncating_after_a_direct_append_restores_the_earlier_size()
    {
        var id = Guid.NewGuid();
        await store.CreateUploadAsync(id, Ct);
        var first = new byte[4 * 1024 * 1024];
        Random.Shared.NextBytes(first);
        await using (var stream = await store.OpenAppendAsync(id, Ct))
        {
            await stream.WriteAsync(first, Ct);
        }

        await using (var stream = await store.OpenAppendAsync(id, Ct))
        {
            await stream.WriteAsync(new byte[5 * 1024 * 1024], Ct);
        }

        await store.TruncateUploadAsync(id, first.Length, Ct);
        await using var read = await store.OpenUploadReadAsync(id, Ct);
        var actual = new MemoryStream();
        await read.CopyToAsync(actual, Ct);
        Assert.Equal(first, actual.ToArray());
    }
}
