using Berth.Core.Oci;

namespace Berth.Core.Storage;

/// <summary>
/// Staging objects of upload sessions: appended to while a client uploads, then committed into the
/// content-addressed store under their verified digest. Upload ids are server-generated GUIDs, so they
/// are safe as keys. Appends to one upload must not run concurrently (the caller serialises them).
/// </summary>
public interface IBlobStaging
{
    /// <summary>Current size of the staging object, or null when it does not exist.</summary>
    Task<long?> GetUploadSizeAsync(Guid uploadId, CancellationToken ct);

    /// <summary>Creates an empty staging object (replacing any leftover).</summary>
    Task CreateUploadAsync(Guid uploadId, CancellationToken ct);

    /// <summary>A writable stream positioned at the end of the staging object. Throws when it does not exist.</summary>
    Task<Stream> OpenAppendAsync(Guid uploadId, CancellationToken ct);

    /// <summary>Cuts the staging object back to <paramref name="size"/> bytes (undoing a failed append).</summary>
    Task TruncateUploadAsync(Guid uploadId, long size, CancellationToken ct);

    /// <summary>A readable stream over the staging object (to re-hash it after a restart). Throws when absent.</summary>
    Task<Stream> OpenUploadReadAsync(Guid uploadId, CancellationToken ct);

    /// <summary>
    /// Makes the staging object durable and moves it atomically to the object for <paramref name="digest"/>.
    /// When that object exists already (same content), the staging object is simply removed.
    /// </summary>
    Task CommitAsync(Guid uploadId, Digest digest, CancellationToken ct);

    /// <summary>Deletes the staging object; no-op when absent.</summary>
    Task DeleteUploadAsync(Guid uploadId, CancellationToken ct);

    /// <summary>
    /// Every staging object, keyed by its upload id in GUID "N" format (32 hex digits), for reclaiming
    /// those whose session is gone.
    /// </summary>
    IAsyncEnumerable<StoredObject> ListUploadsAsync(CancellationToken ct);
}
