using System.Text.Json;
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

/// <summary>One OSV range event: exactly one kind and its version. Stored as OSV writes it: <c>{"fixed": "1.0.2"}</c>.</summary>
[JsonConverter(typeof(RangeEventJsonConverter))]
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

public enum RangeEventKind
{
    Introduced,
    Fixed,
    LastAffected,
    Limit,
}

/// <summary>Reads and writes <see cref="RangeEvent"/> in OSV's one-key form.</summary>
public sealed class RangeEventJsonConverter : JsonConverter<RangeEvent>
{
    public override RangeEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
        {
            throw new JsonException("a range event is an object with one property");
        }

        var kind = reader.GetString() switch
        {
            "introduced" => RangeEventKind.Introduced,
            "fixed" => RangeEventKind.Fixed,
            "last_affected" => RangeEventKind.LastAffected,
            "limit" => RangeEventKind.Limit,
            var other => throw new JsonException($"unknown range event '{other}'"),
        };
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("a range event's version is a string");
        }

        var version = reader.GetString()!;
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("a range event has exactly one property");
        }

        return new RangeEvent(kind, version);
    }

    public override void Write(Utf8JsonWriter writer, RangeEvent value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString(value.Kind switch
        {
            RangeEventKind.Introduced => "introduced",
            RangeEventKind.Fixed => "fixed",
            RangeEventKind.LastAffected => "last_affected",
            _ => "limit",
        }, value.Version);
        writer.WriteEndObject();
    }
}
