using System.Text.Json.Serialization;

namespace Berth.Scanning.Advisories;

/// <summary>
/// One package an advisory affects and which of its versions (OSV <c>affected[]</c>). A version is affected when
/// it is listed in <see cref="Versions"/>, lies in one of the <see cref="Ranges"/>, or satisfies
/// <see cref="Constraints"/> — see <c>AffectedEvaluator</c>.
/// </summary>
public sealed record AffectedPackage
{
    /// <summary>
    /// The OSV ecosystem string, including a release suffix for distributions: <c>Debian:11</c>,
    /// <c>Alpine:v3.11</c>, <c>AlmaLinux:9</c>, <c>PyPI</c>, <c>Go</c>. Compared exactly (case-sensitive).
    /// Two non-OSV ecosystems exist for interpreters: <c>Ruby</c> (rubysec <c>rubies/</c>, name = engine) and
    /// <c>Node.js</c> (nodejs-security-wg <c>core/</c>, name <c>node</c>).
    /// </summary>
    public required string Ecosystem { get; init; }

    /// <summary>The package name as the source spells it. Lookups use <see cref="NameKey"/>.</summary>
    public required string Name { get; init; }

    /// <summary>The lookup form of <see cref="Name"/> (<see cref="PackageNames.Key"/>).</summary>
    [JsonIgnore]
    public string NameKey => PackageNames.Key(Ecosystem, Name);

    public IReadOnlyList<AffectedRange> Ranges { get; init; } = [];

    /// <summary>Explicitly enumerated affected versions (OSV <c>versions[]</c>), matched exactly.</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];

    /// <summary>Requirement strings from formats that are not range-shaped (rubysec, legacy npm); null for OSV data.</summary>
    public VersionConstraints? Constraints { get; init; }

    /// <summary>Package-level scores (OSV <c>affected[].severity</c>); usually empty.</summary>
    public IReadOnlyList<AdvisorySeverity> Severity { get; init; } = [];

    /// <summary>
    /// Source-specific facts that matching does not use, e.g. Debian <c>status</c> (<c>unfixed</c>,
    /// <c>end-of-life</c>), Alpine <c>repo</c> (<c>main</c>). Keys are sorted; null when there are none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}
