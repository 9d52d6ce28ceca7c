using System.Text.Json;

namespace Berth.Scanning.Cvss;

/// <summary>
/// The CVSS v4.0 data tables, read once from the embedded JSON of FIRST's reference calculator
/// (Cvss/Data, BSD-2-Clause, see Cvss/Data/LICENSE): the score of each MacroVector, the highest-severity
/// vectors of each EQ level, and the depth (maximal severity distance) of each EQ level.
/// </summary>
internal static class Cvss4Tables
{
    /// <summary>Score per MacroVector (see <see cref="Index"/>); NaN where the MacroVector cannot occur.</summary>
    public static readonly double[] Scores;

    /// <summary>
    /// Highest-severity partial vectors per EQ group and level, in table order: levels for the scored
    /// dimensions (−1 for dimensions the part does not constrain). Groups: 0 = EQ1 [eq1],
    /// 1 = EQ2 [eq2], 2 = EQ3+EQ6 [eq3 * 2 + eq6], 3 = EQ4 [eq4].
    /// </summary>
    public static readonly sbyte[][][][] MaxParts;

    /// <summary>Depth of each EQ group level in severity units, indexed like <see cref="MaxParts"/>.</summary>
    public static readonly int[][] Depths;

    public static int Index(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) =>
        ((((eq1 * 2 + eq2) * 3 + eq3) * 3 + eq4) * 3 + eq5) * 2 + eq6;

    public const int ScoreCount = 3 * 2 * 3 * 3 * 3 * 2;

    static Cvss4Tables()
    {
        Scores = new double[ScoreCount];
        Array.Fill(Scores, double.NaN);
        using (var lookup = Load("cvss_lookup.json"))
        {
            foreach (var entry in lookup.RootElement.EnumerateObject())
            {
                var d = entry.Name;
                Scores[Index(d[0] - '0', d[1] - '0', d[2] - '0', d[3] - '0', d[4] - '0', d[5] - '0')] =
                    entry.Value.GetDouble();
            }
        }

        using (var composed = Load("max_composed.json"))
        {
            var root = composed.RootElement;
            MaxParts =
            [
                ReadLevels(root.GetProperty("eq1"), 3),
                ReadLevels(root.GetProperty("eq2"), 2),
                ReadEq3Eq6(root.GetProperty("eq3")),
                ReadLevels(root.GetProperty("eq4"), 3),
            ];
        }

        using (var severity = Load("max_severity.json"))
        {
            var root = severity.RootElement;
            var eq3eq6 = root.GetProperty("eq3eq6");
            var depth36 = new int[6];
            foreach (var eq3 in eq3eq6.EnumerateObject())
            {
                foreach (var eq6 in eq3.Value.EnumerateObject())
                {
                    depth36[(eq3.Name[0] - '0') * 2 + eq6.Name[0] - '0'] = eq6.Value.GetInt32();
                }
            }

            Depths =
            [
                ReadDepths(root.GetProperty("eq1"), 3),
                ReadDepths(root.GetProperty("eq2"), 2),
                depth36,
                ReadDepths(root.GetProperty("eq4"), 3),
            ];
        }
    }

    private static JsonDocument Load(string name)
    {
        var resource = $"Berth.Scanning.Cvss.Data.{name}";
        using var stream = typeof(Cvss4Tables).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing from Berth.Scanning.");
        return JsonDocument.Parse(stream);
    }

    private static sbyte[][][] ReadLevels(JsonElement group, int levels)
    {
        var result = new sbyte[levels][][];
        foreach (var level in group.EnumerateObject())
        {
            result[level.Name[0] - '0'] = ReadParts(level.Value);
        }

        return result;
    }

    private static sbyte[][][] ReadEq3Eq6(JsonElement group)
    {
        var result = new sbyte[6][][];
        Array.Fill(result, []);
        foreach (var eq3 in group.EnumerateObject())
        {
            foreach (var eq6 in eq3.Value.EnumerateObject())
            {
                result[(eq3.Name[0] - '0') * 2 + eq6.Name[0] - '0'] = ReadParts(eq6.Value);
            }
        }

        return result;
    }

    private static sbyte[][] ReadParts(JsonElement array)
    {
        var parts = new sbyte[array.GetArrayLength()][];
        var i = 0;
        foreach (var part in array.EnumerateArray())
        {
            parts[i++] = ParsePart(part.GetString() ?? "");
        }

        return parts;
    }

    /// <summary>Parses e.g. <c>"AV:N/PR:N/UI:N/"</c> into levels per scored dimension.</summary>
    internal static sbyte[] ParsePart(string part)
    {
        var levels = new sbyte[Cvss4Metrics.ScoredCount];
        Array.Fill(levels, (sbyte)-1);
        foreach (var field in part.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = field.IndexOf(':', StringComparison.Ordinal);
            var dimension = Array.FindIndex(Cvss4Metrics.All, 0, Cvss4Metrics.ScoredCount, m => m.Name == field[..colon]);
            var level = dimension < 0 ? -1 : Cvss4Levels.Of(dimension, field.AsSpan(colon + 1));
            if (level < 0)
            {
                throw new InvalidOperationException($"Unexpected metric '{field}' in the CVSS v4.0 max_composed table.");
            }

            levels[dimension] = (sbyte)level;
        }

        return levels;
    }

    private static int[] ReadDepths(JsonElement group, int levels)
    {
        var result = new int[levels];
        foreach (var level in group.EnumerateObject())
        {
            result[level.Name[0] - '0'] = level.Value.GetInt32();
        }

        return result;
    }
}
