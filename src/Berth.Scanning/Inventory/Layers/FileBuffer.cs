namespace Berth.Scanning.Inventory.Layers;

/// <summary>
/// Copies one tar entry into a seekable buffer for analyzers: memory up to a threshold, a temp file
/// deleted on close above it, so a large binary never sits whole in memory.
/// </summary>
internal static class FileBuffer
{
    public static async Task<Stream> CopyAsync(Stream source, long size, long memoryThreshold, CancellationToken ct)
    {
        if (size <= memoryThreshold)
        {
            var memory = new MemoryStream(checked((int)size));
            await source.CopyToAsync(memory, ct);
            memory.Position = 0;
            return memory;
        }

        var path = Path.Combine(Path.GetTempPath(), "berth-inventory-" + Guid.NewGuid().ToString("N"));
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await source.CopyToAsync(file, ct);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
