namespace Berth.Core.Gc;

/// <summary>What one garbage collection removed (or, in a dry run, would remove).</summary>
public sealed record GcReport(
    bool DryRun,
    int UntaggedManifests,
    int UnreferencedLinks,
    int Blobs,
    long BlobBytes,
    int OrphanObjects,
    long OrphanBytes,
    int ExpiredUploads,
    long UploadBytes,
    TimeSpan Duration)
{
    public long BytesFreed => BlobBytes + OrphanBytes + UploadBytes;
}
