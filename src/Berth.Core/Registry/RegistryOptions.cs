using System.ComponentModel.DataAnnotations;

namespace Berth.Core.Registry;

/// <summary>Limits and timings of the data plane (section <c>Berth:Registry</c>).</summary>
public sealed class RegistryOptions
{
    /// <summary>Largest manifest accepted, in bytes (the spec suggests at least 4 MiB).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxManifestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest single blob accepted, in bytes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBlobBytes { get; set; } = 64L * 1024 * 1024 * 1024;

    /// <summary>Upload sessions idle for longer than this expire and their space is reclaimed.</summary>
    public TimeSpan UploadExpiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Default and maximum page size of tag and catalog listings.</summary>
    [Range(1, 100_000)]
    public int MaxPageSize { get; set; } = 1000;
}
