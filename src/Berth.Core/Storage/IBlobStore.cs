using Berth.Core.Oci;

namespace Berth.Core.Storage;

/// <summary>
/// The storage driver for content-addressed blobs. Objects are immutable once committed; the driver
/// never verifies digests (the caller hashes while streaming). Implementations are thread-safe.
/// Every driver must pass the shared conformance suite (BlobStoreConformance in the tests).
/// </summary>
public interface IBlobStore
{
    /// <summary>Size of the stored object, or null when absent.</summary>
    Task<long?> GetSizeAsync(Digest digest, CancellationToken ct);

    /// <summary>
    /// Opens the object for reading at <paramref name="offset"/> (0 ≤ offset ≤ size). Null when absent.
    /// The caller disposes the stream and limits how much it reads.
    /// </summary>
    Task<Stream?> OpenReadAsync(Digest digest, long offset, CancellationToken ct);

    /// <summary>Deletes the object; false when it was already absent. Never throws for a missing object.</summary>
    Task<bool> DeleteAsync(Digest digest, CancellationToken ct);

    /// <summary>
    /// Every stored object with its last write time, keyed by its digest string (<c>sha256:&lt;hex&gt;</c>);
    /// used by the garbage collector's orphan sweep, which parses the key back into a digest.
    /// </summary>
    IAsyncEnumerable<StoredObject> ListAsync(CancellationToken ct);
}

/// <summary>
/// A stored object (a blob or an upload's staging object) and when it was last written. The key is the
/// blob's digest string or the upload id in GUID "N" format.
/// </summary>
public sealed record StoredObject(string Key, long Size, DateTimeOffset LastModified);
