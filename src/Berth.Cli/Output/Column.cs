using System.Globalization;
using System.Text.Json;

namespace Berth.Cli.Output;

/// <summary>One column of a table (or one row of a record view): a header and how to read it from a JSON object.</summary>
internal sealed record Column(string Header, Func<JsonElement, string> Value)
{
    /// <summary>The property <paramref name="name"/> as text (arrays joined with commas, missing as empty).</summary>
    public static Column Of(string header, string name) => new(header, e => Json.Text(e, name));

    /// <summary>A timestamp property shown as <c>yyyy-MM-dd HH:mm</c> UTC; "never" when absent.</summary>
    public static Column Date(string header, string name, string absent = "") => new(header, e => Json.Date(e, name) ?? absent);

    /// <summary>The number of items in an array property.</summary>
    public static Column Count(string header, string name) =>
        new(header, e => e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.GetArrayLength().ToString(CultureInfo.InvariantCulture) : "0");
}

/// <summary>Lenient readers over the server's JSON: shapes may grow, and a missing property prints as empty.</summary>
internal static class Json
{
    public static string Text(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v))
        {
            return "";
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            JsonValueKind.Array => string.Join(", ", v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : x.GetRawText())),
            _ => v.GetRawText(),
        };
    }

    public static string? Date(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "Z"
            : null;

    public static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static IEnumerable<JsonElement> Array(JsonElement e, string? name = null)
    {
        var a = name is null ? e : e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;
        return a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];
    }
}
