using System.Buffers;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Berth.Scanning.Advisories.Formats;

/// <summary>
/// Reads a YAML document into the JSON model the formats use, so OSV in YAML and OSV in JSON share one reader.
/// </summary>
/// <remarks>
/// Scalars become JSON strings, whatever YAML 1.1 would resolve them to — versions such as <c>1.10</c> and dates
/// stay exactly as written — except plain (unquoted) <c>true</c>, <c>false</c>, <c>null</c>, <c>~</c> and the
/// empty value. Only the first document of a stream is read. Aliases are expanded up to a nesting depth of 64.
/// </remarks>
public static class YamlJson
{
    private const int MaxDepth = 64;

    /// <summary>Throws <see cref="AdvisoryFormatException"/> for YAML syntax errors and empty streams.</summary>
    public static JsonDocument Parse(Stream yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(yaml, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new AdvisoryFormatException($"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }

        if (stream.Documents.Count == 0)
        {
            throw new AdvisoryFormatException("empty YAML document");
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, stream.Documents[0].RootNode, 0);
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new AdvisoryFormatException($"YAML nested deeper than {MaxDepth} levels");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    writer.WritePropertyName(key is YamlScalarNode s ? s.Value ?? string.Empty : key.ToString());
                    Write(writer, value, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var value = scalar.Value;
        if (scalar.Style == ScalarStyle.Plain)
        {
            switch (value)
            {
                case null or "" or "~" or "null" or "Null" or "NULL":
                    writer.WriteNullValue();
                    return;
                case "true" or "True" or "TRUE":
                    writer.WriteBooleanValue(true);
                    return;
                case "false" or "False" or "FALSE":
                    writer.WriteBooleanValue(false);
                    return;
            }
        }

        writer.WriteStringValue(value ?? string.Empty);
    }
}
