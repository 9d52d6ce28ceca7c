namespace Berth.Scanning.Inventory;

/// <summary>Limits of one inventory run (configuration section <c>Berth:Scanning:Inventory</c>).</summary>
public sealed class InventoryOptions
{
    /// <summary>Files larger than this are not read; the file is listed as skipped with the reason.</summary>
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Files up to this size are buffered in memory for analyzers; larger ones in a temp file.</summary>
    public long InMemoryFileBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>Largest image config blob read for the platform (os/architecture).</summary>
    public int MaxConfigBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How many layers of one image are read at the same time.</summary>
    public int MaxParallelLayers { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Messages for every invalid value; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxFileBytes <= 0)
        {
            errors.Add("Berth:Scanning:Inventory:MaxFileBytes must be positive.");
        }

        if (InMemoryFileBytes < 0 || InMemoryFileBytes > int.MaxValue / 2)
        {
            errors.Add("Berth:Scanning:Inventory:InMemoryFileBytes must be between 0 and 1 GiB.");
        }

        if (MaxConfigBytes <= 0)
        {
            errors.Add("Berth:Scanning:Inventory:MaxConfigBytes must be positive.");
        }

        if (MaxParallelLayers < 1)
        {
            errors.Add("Berth:Scanning:Inventory:MaxParallelLayers must be at least 1.");
        }

        return errors;
    }
}
