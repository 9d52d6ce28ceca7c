using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Oci;

namespace Berth.Core.Registry;

/// <summary>Pushing, pulling, untagging and deleting manifests; tag listing and referrers.</summary>
public sealed class ManifestService(RepositoryResolver repositories, IManifestStore manifests, TimeProvider time)
{
    /// <summary>The manifest for a tag or digest, or null when unknown.</summary>
    public async Task<ManifestRecord?> GetAsync(long registryId, string repository, string reference, CancellationToken ct)
    {
        var r = ManifestReference.Parse(reference);
        var repo = await repositories.FindAsync(registryId, repository, ct);
        if (repo is null)
        {
            return null;
        }

        return r.Digest is { } d ? await manifests.GetAsync(repo.Id, d, ct) : await manifests.GetByTagAsync(repo.Id, r.Tag!, ct);
    }

    /// <summary>Validates and stores a manifest; returns its digest and subject.</summary>
    public async Task<(Digest Digest, Digest? Subject)> PutAsync(long registryId, string repository, string reference, string? contentType, byte[] body, CancellationToken ct)
    {
        RepositoryResolver.Validate(repository);
        var r = ManifestReference.Parse(reference);
        var parsed = ManifestParser.Parse(body, contentType);
        var digest = Digest.Compute(r.Digest?.Algorithm ?? Digest.Sha256, body);
        if (r.Digest is { } expected && expected != digest)
        {
            throw new OciException(ErrorCodes.DigestInvalid, $"manifest content has digest {digest}, not {expected}");
        }

        var repo = await repositories.EnsureAsync(registryId, repository, ct);
        var result = await manifests.PutAsync(repo, new ManifestWrite(digest, parsed, body, r.Tag, time.GetUtcNow()), ct);
        if (!result.Succeeded)
        {
            throw Rejected(result);
        }

        return (digest, parsed.Subject?.Digest);
    }

    /// <summary>By tag: removes the tag only. By digest: removes the manifest and its tags. False when unknown.</summary>
    public async Task<bool> DeleteAsync(long registryId, string repository, string reference, CancellationToken ct)
    {
        var r = ManifestReference.Parse(reference);
        var repo = await repositories.FindAsync(registryId, repository, ct);
        if (repo is null)
        {
            return false;
        }

        return r.Digest is { } d ? await manifests.DeleteAsync(repo.Id, d, ct) : await manifests.UntagAsync(repo.Id, r.Tag!, ct);
    }

    /// <summary>A page of tags; null when the repository does not exist.</summary>
    public async Task<IReadOnlyList<string>?> ListTagsAsync(long registryId, string repository, string? last, int limit, CancellationToken ct)
    {
        var repo = await repositories.FindAsync(registryId, repository, ct);
        return repo is null ? null : limit == 0 ? [] : await manifests.ListTagsAsync(repo.Id, last, limit, ct);
    }

    /// <summary>Manifests whose subject is the given digest (empty when the repository or subject is unknown).</summary>
    public async Task<IReadOnlyList<ReferrerRecord>> ListReferrersAsync(long registryId, string repository, string digestText, string? artifactType, CancellationToken ct)
    {
        var subject = BlobService.ParseDigest(digestText);
        var repo = await repositories.FindAsync(registryId, repository, ct);
        return repo is null ? [] : await manifests.ListReferrersAsync(repo.Id, subject, artifactType, ct);
    }

    private static OciException Rejected(ManifestPutResult result)
    {
        if (result.SizeMismatches.Count > 0)
        {
            var d = result.SizeMismatches[0];
            return new OciException(ErrorCodes.ManifestInvalid, $"descriptor {d.Digest} declares size {d.Size}, which differs from the stored blob", new { mismatched = result.SizeMismatches.Select(x => x.Digest.ToString()) });
        }

        var missing = result.MissingBlobs.Concat(result.MissingManifests).Select(x => x.Digest.ToString()).ToList();
        var kind = result.MissingBlobs.Count > 0 ? "blob" : "manifest";
        return new OciException(ErrorCodes.ManifestBlobUnknown, $"manifest references {missing.Count} unknown {kind}(s), first {missing[0]}; push them first", new { missing });
    }
}
