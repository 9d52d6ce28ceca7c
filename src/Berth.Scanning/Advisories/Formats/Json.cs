using System.Globalization;
using System.Text.Json;

namespace Berth.Scanning.Advisories.Formats;

/// <summary>Lenient field access over parsed JSON (and YAML turned into JSON) for the format readers.</summary>
internal static class Json
{
    /// <summary>The property's text: strings as they are, numbers and booleans as written; null when absent or null.</summary>
    public static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? Text(value) : null;

    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    /// <summary>A property that must be a non-empty string.</summary>
    public static string Required(JsonElement obj, string name, string what) =>
        Text(obj, name) is { Length: > 0 } text ? text : throw new AdvisoryFormatException($"{what}: '{name}' is missing");

    public static bool Has(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>The items of an array property; empty when absent or null; a single scalar counts as one item.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement obj, string name, string what)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray(),
            JsonValueKind.String or JsonValueKind.Number => [value],
            _ => throw new AdvisoryFormatException($"{what}: '{name}' must be a list"),
        };
    }

    /// <summary>The non-empty texts of an array property.</summary>
    public static string[] Texts(JsonElement obj, string name, string what) =>
        Items(obj, name, what).Select(Text).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()).ToArray();

    public static JsonElement? Object(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    /// <summary>
    /// An RFC 3339 timestamp or a plain date (<c>2023-12-18</c>), as UTC when it has no offset. Null when absent,
    /// and for Go's zeroed <c>0001-01-01T00:00:00Z</c>. Unreadable text throws <see cref="AdvisoryFormatException"/>.
    /// </summary>
    public static DateTimeOffset? Date(JsonElement obj, string name, string what)
    {
        var text = Text(obj, name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            throw new AdvisoryFormatException($"{what}: '{name}' is not a date: '{text}'");
        }

        return date.Year <= 1 ? null : date;
    }
}
