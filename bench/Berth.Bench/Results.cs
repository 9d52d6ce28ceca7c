using System.Text.Json;

namespace Berth.Bench;

/// <summary>Named metrics of one target (a registry, nginx, the machine), written as one JSON object.</summary>
internal sealed class Results
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public Dictionary<string, double> Metrics { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Notes { get; init; } = new(StringComparer.Ordinal);

    public void Set(string name, double value, string unit)
    {
        Metrics[name] = Math.Round(value, 2);
        Console.WriteLine($"  {name,-32} {value,12:F2} {unit}");
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Indented));

    public static Results Load(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<Results>(File.ReadAllText(path)) ?? new Results() : new Results();
}
