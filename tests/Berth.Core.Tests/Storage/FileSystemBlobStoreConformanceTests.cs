using Berth.Core.Storage.FileSystem;

namespace Berth.Core.Tests.Storage;

/// <summary>Runs the shared driver conformance suite against <see cref="FileSystemBlobStore"/> in a temp directory.</summary>
public sealed class FileSystemBlobStoreConformanceTests : BlobStoreConformance
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "berth-fs-conformance-" + Guid.NewGuid().ToString("N"));

    protected override Task<BlobDriver> CreateDriverAsync()
    {
        var store = new FileSystemBlobStore(root);
        return Task.FromResult(new BlobDriver(store, store));
    }

    protected override Task DeleteDriverAsync(BlobDriver created)
    {
        Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }
}
