using System.Text.Json;
using Json.Schema;

namespace Berth.Scanning.Tests.Sbom;

/// <summary>Validates documents against the CycloneDX 1.6 JSON schema copied into TestData (with the schemas it references).</summary>
public static class SchemaValidator
{
    private static readonly Lazy<JsonSchema> Bom = new(Load);

    public static IReadOnlyList<string> Errors(byte[] json)
    {
        using var doc = JsonDocument.Parse(json);
        var result = Bom.Value.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
        {
            return [];
        }

        return [.. (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.SchemaLocation}): {e.Key} {e.Value}"))];
    }

    private static JsonSchema Load()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "TestData", "cyclonedx");
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var dependency in new[] { "spdx.schema.json", "jsf-0.82.schema.json" })
        {
            JsonSchema.FromFile(Path.Combine(directory, dependency), options);
        }

        return JsonSchema.FromFile(Path.Combine(directory, "bom-1.6.schema.json"), options);
    }
}
