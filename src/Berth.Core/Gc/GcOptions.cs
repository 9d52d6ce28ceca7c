namespace Berth.Core.Gc;

/// <summary>Garbage collection settings (section <c>Berth:Gc</c>).</summary>
public sealed class GcOptions
{
    /// <summary>Whether the scheduled collection runs. <c>berth gc</c> works either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the scheduled collection runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Content younger than this is never collected: it protects blobs uploaded for a manifest that has not
    /// been pushed yet, and manifests pushed by digest before their tag or index.
    /// </summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Opt-in: delete manifests that no tag, index or live subject keeps.</summary>
    public bool DeleteUntaggedManifests { get; set; }
}
