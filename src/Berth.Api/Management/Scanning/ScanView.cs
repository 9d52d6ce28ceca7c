using System.Text.Json;
using Berth.Core.Scanning;

namespace Berth.Api.Management.Scanning;

/// <summary>One manifest's scan as the management API shows it; <see cref="Reports"/> only on the single-manifest view.</summary>
public sealed record ScanView(
    string Repository,
    string Digest,
    string Status,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? FirstCompletedAt,
    string? Error,
    long? AdvisoryVersion,
    CountsView Counts,
    IReadOnlyList<SbomView> Sboms,
    JsonElement? Reports = null)
{
    public static ScanView Of(ScanRecord r) => new(
        r.Target.Repository,
        r.Target.Manifest.ToString(),
        r.Status.ToString().ToLowerInvariant(),
        r.QueuedAt,
        r.StartedAt,
        r.CompletedAt,
        r.FirstCompletedAt,
        r.Error,
        r.AdvisoryVersion,
        new CountsView(r.Counts.Critical, r.Counts.High, r.Counts.Medium, r.Counts.Low, r.Counts.Unknown, r.Counts.Total),
        r.Sboms.Select(s => new SbomView(s.Platform, s.PlatformManifest.ToString(), s.SbomManifest.ToString(), s.SbomBlob.ToString())).ToList());
}

public sealed record CountsView(int Critical, int High, int Medium, int Low, int Unknown, int Total);

/// <summary>An SBOM referrer: the platform manifest it describes, the referrer manifest and the SBOM blob.</summary>
public sealed record SbomView(string Platform, string Manifest, string Referrer, string Blob);
