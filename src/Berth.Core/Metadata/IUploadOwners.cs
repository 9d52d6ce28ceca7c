namespace Berth.Core.Metadata;

/// <summary>
/// Which principal started an upload session: a session belongs to its starter, and anyone else using its
/// URL is told the upload is unknown. Thread-safe.
/// </summary>
public interface IUploadOwners
{
    /// <summary>Records the owner of an existing session; false when the session does not exist.</summary>
    Task<bool> SetOwnerAsync(Guid uploadId, string principalId, CancellationToken ct);

    /// <summary>
    /// The owner's principal id; null when the session is unknown or was started before owners were recorded
    /// (<see cref="UploadOwner.Exists"/> tells the two apart).
    /// </summary>
    Task<UploadOwner> GetOwnerAsync(Guid uploadId, CancellationToken ct);
}

/// <summary>An upload session's owner lookup: whether the session exists and who started it (null when unrecorded).</summary>
public readonly record struct UploadOwner(bool Exists, string? PrincipalId);
