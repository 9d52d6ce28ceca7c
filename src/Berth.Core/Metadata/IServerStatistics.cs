namespace Berth.Core.Metadata;

/// <summary>Storage used by one registry: the bytes of its unique blobs (a blob shared by repositories counts once).</summary>
public sealed record RegistryStorage(string Registry, long Bytes);

/// <summary>
/// Aggregates for metrics, read on a scrape. Synchronous because observable instruments are; each call is one
/// aggregate query, and callers cache the answer. Thread-safe.
/// </summary>
public interface IServerStatistics
{
    /// <summary>Every registry with its storage bytes (0 when empty).</summary>
    IReadOnlyList<RegistryStorage> StorageByRegistry();

    /// <summary>Upload sessions started and neither completed nor expired.</summary>
    long OpenUploadSessions();
}
