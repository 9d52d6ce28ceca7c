using System.Collections;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Berth.Scanning.Advisories.Storage;

/// <summary>
/// Berth's stored form of advisories: compact snake_case JSON (nulls and empty lists left out, properties in
/// declaration order, so equal advisories serialize to equal bytes) and the content hash imports compare.
/// </summary>
public static class AdvisoryJson
{
    // Copy the context's options (snake_case, nulls left out) and add the empty-list rule; stored text is never
    // embedded in HTML, so '+' in versions stays '+' rather than \u002B.
    private static readonly JsonSerializerOptions Options = new(AdvisoryJsonContext.Default.Options)
    {
        TypeInfoResolver = AdvisoryJsonContext.Default.WithAddedModifier(SkipEmptyCollections),
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonTypeInfo<Advisory> AdvisoryInfo = (JsonTypeInfo<Advisory>)Options.GetTypeInfo(typeof(Advisory));
    private static readonly JsonTypeInfo<AffectedPackage> AffectedInfo = (JsonTypeInfo<AffectedPackage>)Options.GetTypeInfo(typeof(AffectedPackage));

    public static byte[] Serialize(Advisory advisory) => JsonSerializer.SerializeToUtf8Bytes(advisory, AdvisoryInfo);

    public static Advisory DeserializeAdvisory(ReadOnlySpan<byte> json) =>
        Complete(JsonSerializer.Deserialize(json, AdvisoryInfo) ?? throw new JsonException("advisory JSON is null"));

    public static byte[] Serialize(AffectedPackage affected) => JsonSerializer.SerializeToUtf8Bytes(affected, AffectedInfo);

    public static AffectedPackage DeserializeAffected(ReadOnlySpan<byte> json) =>
        Complete(JsonSerializer.Deserialize(json, AffectedInfo) ?? throw new JsonException("affected JSON is null"));

    /// <summary>The advisory without <c>Affected</c> and <c>Details</c>: what candidates carry.</summary>
    public static Advisory Header(Advisory advisory)
    {
        ArgumentNullException.ThrowIfNull(advisory);
        return advisory with { Affected = [], Details = null };
    }

    /// <summary>SHA-256 of <see cref="Serialize(Advisory)"/>: equal for equal content, whatever file it came from.</summary>
    public static byte[] Hash(Advisory advisory) => SHA256.HashData(Serialize(advisory));

    // Empty lists are not written, and System.Text.Json sets absent init-only properties to null rather than
    // keeping their initializers: put the empty lists back so the model's "lists are never null" holds.
    // (Copies only when something is missing: this runs for every candidate a lookup returns.)
    private static Advisory Complete(Advisory a)
    {
        var affected = a.Affected ?? [];
        var completed = affected.Select(Complete).ToArray();
        var same = a.Affected is not null && completed.Select((c, i) => ReferenceEquals(c, affected[i])).All(x => x);
        return same && a.Aliases is not null && a.Related is not null && a.Severity is not null && a.References is not null
            ? a
            : a with
            {
                Aliases = a.Aliases ?? [],
                Related = a.Related ?? [],
                Severity = a.Severity ?? [],
                Affected = same ? affected : completed,
                References = a.References ?? [],
            };
    }

    private static AffectedPackage Complete(AffectedPackage p)
    {
        var rangesComplete = p.Ranges is not null && p.Ranges.All(r => r.Events is not null);
        var constraintsComplete = p.Constraints is null || (p.Constraints.Patched is not null && p.Constraints.Unaffected is not null);
        return rangesComplete && constraintsComplete && p.Versions is not null && p.Severity is not null
            ? p
            : p with
            {
                Ranges = p.Ranges is null ? [] : p.Ranges.Select(r => r.Events is null ? r with { Events = [] } : r).ToArray(),
                Versions = p.Versions ?? [],
                Severity = p.Severity ?? [],
                Constraints = p.Constraints is { } c ? c with { Patched = c.Patched ?? [], Unaffected = c.Unaffected ?? [] } : null,
            };
    }

    private static void SkipEmptyCollections(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = static (_, value) => value is not (null or ICollection { Count: 0 });
            }
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Advisory))]
[JsonSerializable(typeof(AffectedPackage))]
internal sealed partial class AdvisoryJsonContext : JsonSerializerContext;
