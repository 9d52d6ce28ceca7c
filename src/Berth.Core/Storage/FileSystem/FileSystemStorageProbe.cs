using Berth.Core.Health;

namespace Berth.Core.Storage.FileSystem;

/// <summary>
/// Storage readiness of the filesystem driver: writes and deletes a probe file in the blob and upload directories.
/// The probe names start with a dot, which neither the blob listing (digest paths) nor the upload listing
/// (GUID names) picks up, so a probe left by a crash is never mistaken for content.
/// </summary>
public sealed class FileSystemStorageProbe(string root) : IReadinessProbe
{
    public string Name => "storage";

    public async Task<string?> CheckAsync(CancellationToken ct)
    {
        var full = Path.GetFullPath(root);
        foreach (var directory in new[] { Path.Combine(full, "blobs"), Path.Combine(full, "uploads") })
        {
            var probe = Path.Combine(directory, ".readyz-" + Guid.NewGuid().ToString("N"));
            try
            {
                await File.WriteAllBytesAsync(probe, [1], ct);
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"cannot write to {directory}: {e.Message}";
            }
        }

        return null;
    }
}
