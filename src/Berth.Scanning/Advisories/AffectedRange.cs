using System.Text.Json.Serialization;

namespace Berth.Scanning.Advisories;

/// <summary>OSV <c>affected[].ranges[]</c>: a typed timeline of events, evaluated by <c>AffectedEvaluator</c>.</summary>
public sealed record AffectedRange
{
    /// <summary><see cref="RangeTypes.Semver"/>, <see cref="RangeTypes.Ecosystem"/>, <see cref="RangeTypes.Git"/>,
    /// or another string from the data (kept, never matched).</summary>
    public required string Type { get; init; }

    /// <summary>The repository of a GIT range; null otherwise.</summary>
    public string? Repo { get; init; }

    /// <summary>The events in source order (evaluation sorts them).</summary>
    public IReadOnlyList<RangeEvent> Events { get; init; } = [];
}

/// <summary>The OSV range types.</summary>
public static class RangeTypes
{
    public const string Semver = "SEMVER";
    public const string Ecosystem = "ECOSYSTEM";
    public const string Git = "GIT";
}

/// <summary>One OSV range event: exactly one kind and its version.</summary>
public sealed record RangeEvent(RangeEventKind Kind, string Version)
{
    /// <summary>OSV's special <c>introduced: "0"</c>: before every version.</summary>
    [JsonIgnore]
    public bool IsZero => Kind == RangeEventKind.Introduced && Version == "0";

    public static RangeEvent Introduced(string version) => new(RangeEventKind.Introduced, version);

    public static RangeEvent Fixed(string version) => new(RangeEventKind.Fixed, version);

    public static RangeEvent LastAffected(string version) => new(RangeEventKind.LastAffected, version);

    public static RangeEvent Limit(string version) => new(RangeEventKind.Limit, version);
}

[JsonConverter(typeof(JsonStringEnumConverter<RangeEventKind>))]
public enum RangeEventKind
{
    Introduced,
    Fixed,
    LastAffected,
    Limit,
}
