using System.Text.Json.Serialization;

namespace Berth.Scanning.Advisories;

/// <summary>
/// One vulnerability advisory, normalised to the shape of an OSV entry whatever format it was imported from
/// (OSV JSON/YAML, Debian tracker lists, Alpine secdb, rubysec, legacy nodejs-security-wg).
/// </summary>
/// <remarks>
/// Immutable. <see cref="Id"/> is unique within <see cref="Source"/>, not across sources (rubysec and a GHSA
/// import may both hold <c>CVE-…</c> identified data). Lists are never null; absent text fields are null.
/// </remarks>
public sealed record Advisory
{
    /// <summary>The identifier the source uses (<c>GHSA-…</c>, <c>DSA-5380-1</c>, <c>ALPINE-CVE-2019-14904</c>).</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The database the advisory belongs to. For OSV data it is the id's database prefix
    /// (<c>GO</c>, <c>PYSEC</c>, <c>RUSTSEC</c>, <c>GHSA</c>, <c>ALSA</c>); for the other formats it is fixed
    /// by the reader: <c>DSA</c>/<c>DLA</c>/<c>DTSA</c>, <c>ALPINE</c>, <c>RUBYSEC</c>, <c>NSWG</c>.
    /// </summary>
    public required string Source { get; init; }

    /// <summary>Other identifiers of the same vulnerability (CVE, GHSA ...), without <see cref="Id"/>.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Identifiers of closely related but different vulnerabilities (AlmaLinux lists its CVEs here).</summary>
    public IReadOnlyList<string> Related { get; init; } = [];

    public string? Summary { get; init; }

    /// <summary>Free text, whitespace-trimmed and possibly shortened or dropped on import (see <c>ImportOptions</c>).</summary>
    public string? Details { get; init; }

    public DateTimeOffset? Published { get; init; }

    /// <summary>Last change at the source; null when unknown (Go's repository copies zero it: year 1 is read as null).</summary>
    public DateTimeOffset? Modified { get; init; }

    /// <summary>When set the advisory is withdrawn: it is stored, reported by status, and never matched.</summary>
    public DateTimeOffset? Withdrawn { get; init; }

    /// <summary>Scores with their type (OSV <c>severity[]</c>), see <see cref="AdvisorySeverity"/>.</summary>
    public IReadOnlyList<AdvisorySeverity> Severity { get; init; } = [];

    /// <summary>
    /// The source's own severity word where it has one: GHSA <c>database_specific.severity</c> (<c>LOW</c> …
    /// <c>CRITICAL</c>), the AlmaLinux summary prefix (<c>Important</c>), Debian DTSA urgency (<c>high</c>),
    /// Node.js core <c>severity</c>. Null otherwise.
    /// </summary>
    public string? DatabaseSeverity { get; init; }

    public IReadOnlyList<AffectedPackage> Affected { get; init; } = [];

    public IReadOnlyList<AdvisoryReference> References { get; init; } = [];

    /// <summary>True when <see cref="Withdrawn"/> is set.</summary>
    [JsonIgnore]
    public bool IsWithdrawn => Withdrawn is not null;

    /// <summary><see cref="Modified"/>, else <see cref="Published"/>: how fresh this entry's data is.</summary>
    [JsonIgnore]
    public DateTimeOffset? LastChanged => Modified ?? Published;
}
