using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Core.Storage;

namespace Berth.Core.Registry;

/// <summary>Reading, mounting and unlinking blobs of a repository.</summary>
public sealed class BlobService(RepositoryResolver repositories, IBlobIndex index, IBlobStore store, BlobCommitter committer)
{
    /// <summary>The blob if linked into the repository; null when unknown. Throws for a malformed name or digest.</summary>
    public async Task<BlobRecord?> StatAsync(long registryId, string repository, string digestText, CancellationToken ct)
    {
        var digest = ParseDigest(digestText);
        var repo = await repositories.FindAsync(registryId, repository, ct);
        return repo is null ? null : await index.FindLinkedAsync(repo.Id, digest, ct);
    }

    /// <summary>Opens a linked blob at an offset; null when the repository does not hold it.</summary>
    public Task<Stream?> OpenAsync(BlobRecord blob, long offset, CancellationToken ct) =>
        store.OpenReadAsync(blob.Digest, offset, ct);

    /// <summary>Removes the blob from the repository (the bytes go when GC finds them unused); false when unknown.</summary>
    public async Task<bool> DeleteAsync(long registryId, string repository, string digestText, CancellationToken ct)
    {
        var digest = ParseDigest(digestText);
        var repo = await repositories.FindAsync(registryId, repository, ct);
        return repo is not null && await index.UnlinkAsync(repo.Id, digest, ct);
    }

    /// <summary>
    /// Cross-repository mount: links <paramref name="digest"/> from <paramref name="from"/> (or, without it, from
    /// any repository of the registry). Returns the blob, or null when it cannot be mounted (the caller then
    /// starts a normal upload, as the spec asks).
    /// </summary>
    public async Task<BlobRecord?> TryMountAsync(long registryId, string repository, Digest digest, string? from, CancellationToken ct)
    {
        BlobRecord? source;
        if (from is null)
        {
            source = await index.FindAsync(registryId, digest, ct);
        }
        else
        {
            var fromRepo = await repositories.FindAsync(registryId, from, ct);
            source = fromRepo is null ? null : await index.FindLinkedAsync(fromRepo.Id, digest, ct);
        }

        if (source is null)
        {
            return null;
        }

        var target = await repositories.EnsureAsync(registryId, repository, ct);
        return await committer.MountAsync(target, digest, ct) ? source : null;
    }

    public static Digest ParseDigest(string digestText) =>
        Digest.TryParse(digestText, out var digest)
            ? digest
            : throw new OciException(ErrorCodes.DigestInvalid, $"invalid or unsupported digest '{digestText}'");
}
