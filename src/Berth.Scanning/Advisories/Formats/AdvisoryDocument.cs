using System.Text.Json;

namespace Berth.Scanning.Advisories.Formats;

/// <summary>
/// One file to read: on disk, inside a zip archive, or downloaded. JSON and YAML content is parsed once, on
/// first use of <see cref="Root"/>, and shared by the formats that look at it. Dispose to release the parse.
/// </summary>
public sealed class AdvisoryDocument : IDisposable
{
    private readonly Func<Stream> open;
    private JsonDocument? json;

    /// <param name="path">Where the document is, for messages: a path, or <c>archive.zip!entry/name.json</c>.</param>
    /// <param name="open">Opens the content for reading; may be called more than once.</param>
    public AdvisoryDocument(string path, Func<Stream> open)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(open);
        Path = path;
        this.open = open;
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('!'));
        Name = path[(slash + 1)..];
        Extension = System.IO.Path.GetExtension(Name).ToLowerInvariant();
    }

    public string Path { get; }

    /// <summary>The file name (last path segment).</summary>
    public string Name { get; }

    /// <summary>Lowercase extension with the dot (<c>.json</c>), or empty.</summary>
    public string Extension { get; }

    public bool IsJson => Extension == ".json";

    public bool IsYaml => Extension is ".yaml" or ".yml";

    /// <summary>
    /// The parsed JSON, or the YAML converted to JSON (<see cref="YamlJson"/>): scalars are strings except plain
    /// <c>true</c>/<c>false</c>/<c>null</c>/<c>~</c>. Throws <see cref="AdvisoryFormatException"/> on a syntax error
    /// and <see cref="InvalidOperationException"/> for other extensions.
    /// </summary>
    public JsonElement Root
    {
        get
        {
            json ??= Parse();
            return json.RootElement;
        }
    }

    public Stream Open() => open();

    public void Dispose() => json?.Dispose();

    private JsonDocument Parse()
    {
        if (!IsJson && !IsYaml)
        {
            throw new InvalidOperationException($"{Path} is neither JSON nor YAML");
        }

        using var stream = Open();
        try
        {
            return IsJson
                ? JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 64 })
                : YamlJson.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new AdvisoryFormatException($"invalid JSON: {e.Message}", e);
        }
    }
}
