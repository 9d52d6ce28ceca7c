using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Core.Storage;
using Microsoft.Extensions.Options;

namespace Berth.Core.Registry;

/// <summary>
/// Blob uploads: sessions (chunked, resumable, surviving restarts), monolithic pushes and cross-repository
/// mounts. Every byte is hashed while streaming and the digest verified before the blob becomes visible. The
/// registry's storage limit refuses a chunk or blob whose declared size does not fit before it is written, and
/// every commit that does not fit (then the upload is discarded and nothing changes).
/// </summary>
public sealed class UploadService(
    RepositoryResolver repositories,
    IUploadStore uploads,
    IBlobStaging staging,
    BlobCommitter committer,
    UploadHashes hashes,
    StorageQuota quota,
    IOptions<RegistryOptions> options,
    TimeProvider time)
{
    private long MaxBlob => options.Value.MaxBlobBytes;

    // At most a minute, and well inside the expiry so an active session is never reaped.
    private TimeSpan TouchInterval => TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, options.Value.UploadExpiry.Ticks / 4));

    public async Task<UploadRecord> StartAsync(long registryId, string repository, CancellationToken ct)
    {
        var repo = await repositories.EnsureAsync(registryId, repository, ct);
        var now = time.GetUtcNow();
        var upload = new UploadRecord(Guid.NewGuid(), repo.Id, repo.Name, now, now);
        await staging.CreateUploadAsync(upload.Id, ct);
        await uploads.CreateAsync(upload, ct);
        var entry = hashes.Get(upload.Id);
        entry.Start(0);
        entry.LastTouched = now;
        return upload;
    }

    /// <summary>Current size of the upload; BLOB_UPLOAD_UNKNOWN when the session does not exist.</summary>
    public async Task<long> GetSizeAsync(long registryId, string repository, Guid id, CancellationToken ct)
    {
        await RequireAsync(registryId, repository, id, ct);
        return await staging.GetUploadSizeAsync(id, ct) ?? throw Unknown(id);
    }

    /// <summary>Appends a chunk; returns the new size. A wrong Content-Range gives 416 and changes nothing.</summary>
    public async Task<long> AppendAsync(long registryId, string repository, Guid id, Stream body, ContentRange? range, long? contentLength, CancellationToken ct)
    {
        await RequireAsync(registryId, repository, id, ct);
        var entry = hashes.Get(id);
        await entry.Lock.WaitAsync(ct);
        try
        {
            var size = await AppendLockedAsync(registryId, null, id, entry, body, range, contentLength, ct);
            // Expiry is measured in hours: recording activity once a minute is enough and keeps a write
            // transaction (and its fsync) off most chunks.
            var now = time.GetUtcNow();
            if (now - entry.LastTouched >= TouchInterval)
            {
                await uploads.TouchAsync(id, now, ct);
                entry.LastTouched = now;
            }

            return size;
        }
        finally
        {
            entry.Lock.Release();
        }
    }

    /// <summary>Appends an optional last chunk, verifies the digest and commits the blob.</summary>
    public async Task<BlobRecord> CompleteAsync(long registryId, string repository, Guid id, string? digestText, Stream body, ContentRange? range, long? contentLength, CancellationToken ct)
    {
        var digest = ParseDigest(digestText);
        var upload = await RequireAsync(registryId, repository, id, ct);
        var entry = hashes.Get(id);
        await entry.Lock.WaitAsync(ct);
        try
        {
            var size = await AppendLockedAsync(registryId, digest, id, entry, body, range, contentLength, ct);
            var actual = await ComputeDigestAsync(id, entry, digest.Algorithm, ct);
            if (actual != digest)
            {
                await DiscardAsync(id, ct);
                throw new OciException(ErrorCodes.DigestInvalid, $"uploaded content has digest {actual}, not {digest}");
            }

            var repo = new RepositoryRecord(upload.RepositoryId, registryId, upload.Repository);
            await CommitWithinLimitAsync(repo, id, digest, size, () => DiscardAsync(id, CancellationToken.None), ct);
            await uploads.DeleteAsync(id, ct);
            hashes.Remove(id);
            return new BlobRecord(digest, size);
        }
        finally
        {
            entry.Lock.Release();
        }
    }

    /// <summary>A whole blob in one request (<c>POST ?digest=</c>); no session is recorded.</summary>
    public async Task<BlobRecord> PutMonolithicAsync(long registryId, string repository, string? digestText, Stream body, long? contentLength, CancellationToken ct)
    {
        var digest = ParseDigest(digestText);
        if (contentLength is { } declared)
        {
            await quota.RequireRoomAsync(registryId, declared, digest, ct);
        }

        var repo = await repositories.EnsureAsync(registryId, repository, ct);
        var id = Guid.NewGuid();
        await staging.CreateUploadAsync(id, ct);
        try
        {
            using var hash = Digest.CreateHasher(digest.Algorithm);
            long size;
            await using (var target = await staging.OpenAppendAsync(id, ct))
            {
                size = await HashingCopy.CopyAsync(body, target, hash, MaxBlob, ct);
            }

            var actual = Digest.FromHash(digest.Algorithm, hash.GetHashAndReset());
            if (actual != digest)
            {
                throw new OciException(ErrorCodes.DigestInvalid, $"uploaded content has digest {actual}, not {digest}");
            }

            await CommitWithinLimitAsync(repo, id, digest, size, () => Task.CompletedTask, ct);
            return new BlobRecord(digest, size);
        }
        catch
        {
            await staging.DeleteUploadAsync(id, CancellationToken.None);
            throw;
        }
    }

    public async Task CancelAsync(long registryId, string repository, Guid id, CancellationToken ct)
    {
        await RequireAsync(registryId, repository, id, ct);
        var entry = hashes.Get(id);
        await entry.Lock.WaitAsync(ct);
        try
        {
            await DiscardAsync(id, ct);
        }
        finally
        {
            entry.Lock.Release();
        }
    }

    /// <summary>Parses a client-supplied digest; DIGEST_INVALID when missing, malformed or of an unknown algorithm.</summary>
    public static Digest ParseDigest(string? digestText) =>
        Digest.TryParse(digestText, out var digest)
            ? digest
            : throw new OciException(ErrorCodes.DigestInvalid, string.IsNullOrEmpty(digestText)
                ? "the digest query parameter is required"
                : $"invalid or unsupported digest '{digestText}' (sha256 or sha512, lowercase hex)");

    // Checks the limit before anything is stored, then again in the link's transaction (concurrent pushes).
    private async Task CommitWithinLimitAsync(RepositoryRecord repo, Guid id, Digest digest, long size, Func<Task> discard, CancellationToken ct)
    {
        try
        {
            await quota.RequireRoomAsync(repo.RegistryId, size, digest, ct);
        }
        catch (OciException)
        {
            await discard();
            throw;
        }

        if (!await committer.CommitAsync(repo, id, digest, size, await quota.LimitAsync(repo.RegistryId, ct), ct))
        {
            await discard();
            throw await quota.RefusedAsync(repo.RegistryId, size, CancellationToken.None);
        }

        quota.Committed(repo.RegistryId);
    }

    private async Task<long> AppendLockedAsync(long registryId, Digest? digest, Guid id, UploadHashes.Entry entry, Stream body, ContentRange? range, long? contentLength, CancellationToken ct)
    {
        var size = await staging.GetUploadSizeAsync(id, ct) ?? throw Unknown(id);
        if (range is { } r && (r.Start != size || (contentLength is { } len && len != r.Length)))
        {
            throw new OciException(ErrorCodes.RangeInvalid, $"chunk range {r.Start}-{r.End} does not continue the upload at offset {size}", new { size });
        }

        if ((contentLength ?? range?.Length) is > 0 and var declared)
        {
            await quota.RequireRoomAsync(registryId, size + declared, digest, ct);
        }

        if (contentLength == 0 || (range is null && contentLength is null && body == Stream.Null))
        {
            return size;
        }

        var hash = entry.HashedBytes == size ? entry.Hash : null;
        long written = 0;
        try
        {
            await using (var target = await staging.OpenAppendAsync(id, ct))
            {
                written = await HashingCopy.CopyAsync(body, target, hash, MaxBlob - size, ct);
            }

            if (range is { } rr && written != rr.Length)
            {
                throw new OciException(ErrorCodes.RangeInvalid, $"chunk carried {written} bytes but Content-Range declared {rr.Length}", new { size });
            }
        }
        catch
        {
            // Undo the partial chunk so the session stays exactly as it was before this request.
            entry.Reset();
            await staging.TruncateUploadAsync(id, size, CancellationToken.None);
            throw;
        }

        if (hash is not null)
        {
            entry.Advance(written);
        }

        return size + written;
    }

    private async Task<Digest> ComputeDigestAsync(Guid id, UploadHashes.Entry entry, string algorithm, CancellationToken ct)
    {
        var size = await staging.GetUploadSizeAsync(id, ct) ?? throw Unknown(id);
        if (algorithm == Digest.Sha256 && entry.Hash is { } running && entry.HashedBytes == size)
        {
            // GetHashAndReset consumes the running state: drop the entry's claim to it, or a retry after a
            // failed commit (client gone while waiting for the digest lock) would "verify" an empty hash.
            var digest = Digest.FromHash(Digest.Sha256, running.GetHashAndReset());
            entry.Reset();
            return digest;
        }

        // No running hash (restart, other replica, or sha512): hash the staged bytes once.
        using var hash = Digest.CreateHasher(algorithm);
        await using (var source = await staging.OpenUploadReadAsync(id, ct))
        {
            await HashingCopy.HashAsync(source, hash, ct);
        }

        return Digest.FromHash(algorithm, hash.GetHashAndReset());
    }

    private async Task DiscardAsync(Guid id, CancellationToken ct)
    {
        await staging.DeleteUploadAsync(id, ct);
        await uploads.DeleteAsync(id, ct);
        hashes.Remove(id);
    }

    private async Task<UploadRecord> RequireAsync(long registryId, string repository, Guid id, CancellationToken ct)
    {
        RepositoryResolver.Validate(repository);
        var upload = await uploads.GetAsync(id, ct);
        if (upload is null || upload.Repository != repository)
        {
            throw Unknown(id);
        }

        var repo = await repositories.FindAsync(registryId, repository, ct);
        return repo is null || repo.Id != upload.RepositoryId ? throw Unknown(id) : upload;
    }

    private static OciException Unknown(Guid id) =>
        new(ErrorCodes.BlobUploadUnknown, $"upload {id:N} is unknown, finished, cancelled or expired");
}
