using Berth.Core.Metadata;
using Berth.Core.Registry;
using Berth.Core.Storage;
using Microsoft.Extensions.Options;

namespace Berth.Core.Gc;

/// <summary>
/// Expires upload sessions idle for longer than <see cref="RegistryOptions.UploadExpiry"/> and removes staging
/// objects that no session owns (monolithic pushes interrupted by a crash), reclaiming their space.
/// </summary>
public sealed class UploadReaper(IUploadStore uploads, IBlobStaging staging, UploadHashes hashes, IOptions<RegistryOptions> options, TimeProvider time)
{
    public async Task<(int Count, long Bytes)> ReapAsync(bool dryRun, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - options.Value.UploadExpiry;
        int count = 0;
        long bytes = 0;
        foreach (var upload in await uploads.ListIdleAsync(cutoff, int.MaxValue, ct))
        {
            var size = await staging.GetUploadSizeAsync(upload.Id, ct) ?? 0;
            if (!dryRun)
            {
                await uploads.DeleteAsync(upload.Id, ct);
                await staging.DeleteUploadAsync(upload.Id, ct);
                hashes.Remove(upload.Id);
            }

            count++;
            bytes += size;
        }

        await foreach (var obj in staging.ListUploadsAsync(ct))
        {
            if (obj.LastModified >= cutoff || !Guid.TryParseExact(obj.Key, "N", out var id) || await uploads.GetAsync(id, ct) is not null)
            {
                continue;
            }

            if (!dryRun)
            {
                await staging.DeleteUploadAsync(id, ct);
            }

            count++;
            bytes += obj.Size;
        }

        return (count, bytes);
    }
}
