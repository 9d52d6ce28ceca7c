using System.Runtime.CompilerServices;
using Berth.Core.Oci;

namespace Berth.Core.Storage.FileSystem;

/// <summary>
/// Filesystem driver: blobs at <c>blobs/&lt;alg&gt;/&lt;first two hex&gt;/&lt;hex&gt;</c>, staging objects at
/// <c>uploads/&lt;id&gt;</c>. Commit flushes the staging file to disk and renames it into place, so a blob
/// file is either absent or complete. Paths are built only from validated digests and GUIDs.
/// </summary>
public sealed class FileSystemBlobStore : IBlobStore, IBlobStaging
{
    private const int BufferSize = 1 << 20;
    private readonly string _blobs;
    private readonly string _uploads;

    public FileSystemBlobStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var full = Path.GetFullPath(root);
        _blobs = Path.Combine(full, "blobs");
        _uploads = Path.Combine(full, "uploads");
        Directory.CreateDirectory(_blobs);
        Directory.CreateDirectory(_uploads);
    }

    public Task<long?> GetSizeAsync(Digest digest, CancellationToken ct)
    {
        var info = new FileInfo(BlobPath(digest));
        return Task.FromResult(info.Exists ? info.Length : (long?)null);
    }

    public Task<Stream?> OpenReadAsync(Digest digest, long offset, CancellationToken ct)
    {
        try
        {
            var stream = new FileStream(BlobPath(digest), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read | FileShare.Delete,
                BufferSize = 0,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            });
            if (offset > 0)
            {
                stream.Seek(offset, SeekOrigin.Begin);
            }

            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> DeleteAsync(Digest digest, CancellationToken ct)
    {
        var path = BlobPath(digest);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    public async IAsyncEnumerable<StoredObject> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var algDir in Directory.EnumerateDirectories(_blobs))
        {
            var alg = Path.GetFileName(algDir);
            foreach (var file in Directory.EnumerateFiles(algDir, "*", SearchOption.AllDirectories))
            {
                ct.ThrowIfCancellationRequested();
                var info = new FileInfo(file);
                if (Digest.TryParse($"{alg}:{info.Name}", out _) && info.Exists)
                {
                    yield return new StoredObject($"{alg}:{info.Name}", info.Length, info.LastWriteTimeUtc);
                }
            }
        }

        await Task.CompletedTask;
    }

    public Task<long?> GetUploadSizeAsync(Guid uploadId, CancellationToken ct)
    {
        var info = new FileInfo(UploadPath(uploadId));
        return Task.FromResult(info.Exists ? info.Length : (long?)null);
    }

    public Task CreateUploadAsync(Guid uploadId, CancellationToken ct)
    {
        using (File.Create(UploadPath(uploadId)))
        {
        }

        return Task.CompletedTask;
    }

    public Task<Stream> OpenAppendAsync(Guid uploadId, CancellationToken ct)
    {
        // Past the page cache when the file system allows it and the file ends on a block boundary.
        if (DirectAppendStream.TryOpen(UploadPath(uploadId)) is { } direct)
        {
            return Task.FromResult<Stream>(direct);
        }

        // FileMode.Append would create a missing file; the contract says a missing upload throws.
        var stream = new FileStream(UploadPath(uploadId), new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            BufferSize = 0,
            Options = FileOptions.Asynchronous,
        });
        stream.Seek(0, SeekOrigin.End);
        return Task.FromResult<Stream>(stream);
    }

    public Task TruncateUploadAsync(Guid uploadId, long size, CancellationToken ct)
    {
        using var fs = new FileStream(UploadPath(uploadId), FileMode.Open, FileAccess.Write, FileShare.Read);
        fs.SetLength(size);
        return Task.CompletedTask;
    }

    public Task<Stream> OpenUploadReadAsync(Guid uploadId, CancellationToken ct) =>
        Task.FromResult<Stream>(new FileStream(UploadPath(uploadId), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, BufferSize, FileOptions.SequentialScan));

    public Task CommitAsync(Guid uploadId, Digest digest, CancellationToken ct)
    {
        var source = UploadPath(uploadId);
        var target = BlobPath(digest);
        if (File.Exists(target))
        {
            File.Delete(source);
            return Task.CompletedTask;
        }

        using (var fs = new FileStream(source, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
        {
            fs.Flush(flushToDisk: true);
        }

        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        File.Move(source, target, overwrite: true);
        DirectorySync.Flush(directory);
        return Task.CompletedTask;
    }

    public Task DeleteUploadAsync(Guid uploadId, CancellationToken ct)
    {
        File.Delete(UploadPath(uploadId));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<StoredObject> ListUploadsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var file in Directory.EnumerateFiles(_uploads))
        {
            ct.ThrowIfCancellationRequested();
            var info = new FileInfo(file);
            if (Guid.TryParseExact(info.Name, "N", out _) && info.Exists)
            {
                yield return new StoredObject(info.Name, info.Length, info.LastWriteTimeUtc);
            }
        }

        await Task.CompletedTask;
    }

    private string BlobPath(Digest digest)
    {
        if (digest.Hex is null)
        {
            throw new ArgumentException("default digest", nameof(digest));
        }

        return Path.Combine(_blobs, digest.Algorithm, digest.Hex[..2], digest.Hex);
    }

    private string UploadPath(Guid id) => Path.Combine(_uploads, id.ToString("N"));
}
