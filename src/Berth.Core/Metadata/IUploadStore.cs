namespace Berth.Core.Metadata;

/// <summary>Upload sessions (their bytes live in <see cref="Storage.IBlobStaging"/>). Thread-safe.</summary>
public interface IUploadStore
{
    Task CreateAsync(UploadRecord upload, CancellationToken ct);

    /// <summary>The session, or null when unknown, finished or cancelled.</summary>
    Task<UploadRecord?> GetAsync(Guid id, CancellationToken ct);

    /// <summary>Records activity so an upload in progress does not expire.</summary>
    Task TouchAsync(Guid id, DateTimeOffset at, CancellationToken ct);

    /// <summary>Ends the session; false when it was already gone (so only one finisher wins).</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken ct);

    /// <summary>Sessions idle since before <paramref name="cutoff"/>, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<UploadRecord>> ListIdleAsync(DateTimeOffset cutoff, int limit, CancellationToken ct);
}
