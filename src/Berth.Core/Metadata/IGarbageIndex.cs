using Berth.Core.Oci;

namespace Berth.Core.Metadata;

/// <summary>
/// The garbage collector's view of metadata. Every deletion re-checks its condition inside its own
/// transaction, so a push that references an item concurrently either wins (the item stays) or sees
/// the item gone (and reports it missing); nothing referenced is ever removed.
/// </summary>
public interface IGarbageIndex
{
    /// <summary>Deletes untagged manifests older than the cutoff that no index or live subject keeps. Dry runs use <see cref="PreviewAsync"/>.</summary>
    Task<int> DeleteUntaggedManifestsAsync(DateTimeOffset cutoff, CancellationToken ct);

    /// <summary>Deletes repository blob links older than the cutoff that no manifest of the repository references.</summary>
    Task<int> DeleteUnreferencedLinksAsync(DateTimeOffset cutoff, CancellationToken ct);

    /// <summary>Registry blob rows without any link whose last use is before the cutoff.</summary>
    Task<IReadOnlyList<BlobRecord>> ListUnlinkedBlobsAsync(DateTimeOffset cutoff, int limit, CancellationToken ct);

    /// <summary>Deletes the blob's rows if still unlinked and unused since the cutoff; true when no registry holds it any more.</summary>
    Task<bool> DeleteBlobIfUnlinkedAsync(Digest digest, DateTimeOffset cutoff, CancellationToken ct);

    /// <summary>Whether any registry holds the blob (used to keep stored objects that metadata still needs).</summary>
    Task<bool> IsKnownAsync(Digest digest, CancellationToken ct);

    /// <summary>
    /// For a dry run: what the metadata passes (untagged manifests when <paramref name="untaggedManifests"/>, then
    /// unreferenced links, then unlinked blobs) would remove at this cutoff. Each pass must see what the earlier
    /// ones removed, or a blob whose only link is garbage would not be counted, so the passes run in one
    /// transaction that is rolled back. Changes nothing.
    /// </summary>
    Task<GarbagePreview> PreviewAsync(DateTimeOffset cutoff, bool untaggedManifests, CancellationToken ct);
}

/// <summary>What a collection would remove from metadata; <see cref="Blobs"/> has one entry per digest.</summary>
public sealed record GarbagePreview(int UntaggedManifests, int UnreferencedLinks, IReadOnlyList<BlobRecord> Blobs);
