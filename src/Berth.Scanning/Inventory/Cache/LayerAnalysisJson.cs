using System.Text.Json;
using Berth.Scanning.Inventory.Analyzers;
using Berth.Scanning.Inventory.Layers;

namespace Berth.Scanning.Inventory.Cache;

/// <summary>
/// The persisted form of a <see cref="LayerAnalysis"/> (format <c>berth.layer-analysis/v1</c>). Reading
/// throws <see cref="JsonException"/> or <see cref="InvalidDataException"/> on anything else.
/// </summary>
internal static class LayerAnalysisJson
{
    private const string Format = "berth.layer-analysis/v1";

    public static void Write(Stream output, LayerAnalysis analysis)
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteStartObject("files");
        foreach (var (path, findings) in analysis.Files)
        {
            w.WriteStartObject(path);
            if (findings.SkipReason is { } skip)
            {
                w.WriteString("skip", skip);
            }

            if (findings.OsRelease is { } os)
            {
                w.WriteStartArray("os");
                foreach (var value in new[] { os.Id, os.VersionId, os.PrettyName, os.Codename })
                {
                    w.WriteStringValue(value);
                }

                w.WriteEndArray();
            }

            w.WriteStartArray("packages");
            foreach (var p in findings.Packages)
            {
                w.WriteStartArray();
                foreach (var value in new[] { p.Kind.ToString(), p.Name, p.Version, p.Group, p.Arch, p.SourceName, p.SourceVersion, p.Epoch })
                {
                    w.WriteStringValue(value);
                }

                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
        WriteStrings(w, "whiteouts", analysis.Whiteouts);
        WriteStrings(w, "opaque", analysis.OpaqueDirectories);
        w.WriteStartArray("replaced");
        foreach (var hash in analysis.ReplacedHashes)
        {
            w.WriteNumberValue(hash);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static LayerAnalysis Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != Format)
        {
            throw new InvalidDataException($"not a {Format} document");
        }

        var files = new Dictionary<string, FileFindings>(StringComparer.Ordinal);
        foreach (var file in root.GetProperty("files").EnumerateObject())
        {
            var findings = new FileFindings
            {
                SkipReason = file.Value.TryGetProperty("skip", out var skip) ? skip.GetString() : null,
            };
            if (file.Value.TryGetProperty("os", out var os))
            {
                var v = Strings(os);
                findings.OsRelease = new OsRelease(v[0] ?? throw new InvalidDataException("os-release without ID"), v[1], v[2], v[3]);
            }

            foreach (var package in file.Value.GetProperty("packages").EnumerateArray())
            {
                var v = Strings(package);
                findings.Packages.Add(new FoundPackage(Enum.Parse<PackageKind>(v[0]!), v[1]!, v[2]!)
                {
                    Group = v[3], Arch = v[4], SourceName = v[5], SourceVersion = v[6], Epoch = v[7],
                });
            }

            files[file.Name] = findings;
        }

        var replaced = root.GetProperty("replaced").EnumerateArray().Select(e => e.GetUInt64()).ToArray();
        return new LayerAnalysis(files, Strings(root.GetProperty("whiteouts"))!, Strings(root.GetProperty("opaque"))!, replaced);
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static string?[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString())];
}
