using System.Text.Json;
using Berth.Core.Oci;
using Berth.Core.Scanning;
using Berth.Metadata.Sqlite.Database;

namespace Berth.Metadata.Sqlite.Scanning;

/// <summary>A <c>scans</c> row joined with its repository, as Dapper reads it.</summary>
internal sealed class ScanRow
{
    public long RegistryId { get; set; }

    public string Repository { get; set; } = "";

    public string Digest { get; set; } = "";

    public string Status { get; set; } = "";

    public long QueuedAt { get; set; }

    public long? StartedAt { get; set; }

    public long? CompletedAt { get; set; }

    public long? FirstCompletedAt { get; set; }

    public string? Error { get; set; }

    public long? AdvisoryVersion { get; set; }

    public string? Sboms { get; set; }

    public long Critical { get; set; }

    public long High { get; set; }

    public long Medium { get; set; }

    public long Low { get; set; }

    public long Unknown { get; set; }

    public string? Report { get; set; }

    public string? PushedBy { get; set; }

    public ScanRecord ToRecord() => new(
        new ScanTarget(RegistryId, Repository, Core.Oci.Digest.Parse(Digest)),
        Enum.Parse<ScanStatus>(Status, ignoreCase: true),
        UnixTime.FromMs(QueuedAt),
        Time(StartedAt),
        Time(CompletedAt),
        Time(FirstCompletedAt),
        Error,
        AdvisoryVersion,
        Sboms is null ? [] : (JsonSerializer.Deserialize<List<SbomRow>>(Sboms) ?? []).Select(s => s.ToReference()).ToList(),
        new SeverityCounts((int)Critical, (int)High, (int)Medium, (int)Low, (int)Unknown),
        Report,
        PushedBy);

    private static DateTimeOffset? Time(long? ms) => ms is { } v ? UnixTime.FromMs(v) : null;
}

/// <summary>One element of the <c>sboms</c> JSON column.</summary>
internal sealed record SbomRow(string Platform, string Manifest, string Sbom, string Blob)
{
    public static SbomRow From(SbomReference r) => new(r.Platform, r.PlatformManifest.ToString(), r.SbomManifest.ToString(), r.SbomBlob.ToString());

    public SbomReference ToReference() => new(Platform, Digest.Parse(Manifest), Digest.Parse(Sbom), Digest.Parse(Blob));
}
