using System.Globalization;

namespace Berth.Integration.Tests.Observability;

/// <summary>A sample of the Prometheus text exposition format: metric name, labels, value.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>Parses every sample line (comments and blank lines skipped); throws on a malformed line.</summary>
    public static List<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.LastIndexOf(' ');
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            string name;
            if (brace >= 0 && brace < space)
            {
                name = line[..brace];
                var close = line.LastIndexOf('}');
                ParseLabels(line[(brace + 1)..close], labels);
                space = line.IndexOf(' ', close);
            }
            else
            {
                name = line[..line.IndexOf(' ', StringComparison.Ordinal)];
                space = name.Length;
            }

            var value = line[(space + 1)..].Split(' ')[0];
            samples.Add(new PrometheusSample(name, labels, value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(value, CultureInfo.InvariantCulture),
            }));
        }

        return samples;
    }

    private static void ParseLabels(string body, Dictionary<string, string> labels)
    {
        var i = 0;
        while (i < body.Length)
        {
            var eq = body.IndexOf('=', i);
            var key = body[i..eq].Trim(',', ' ');
            var j = eq + 2; // skip ="
            var value = new System.Text.StringBuilder();
            while (body[j] != '"')
            {
                if (body[j] == '\\')
                {
                    j++;
                    value.Append(body[j] == 'n' ? '\n' : body[j]);
                }
                else
                {
                    value.Append(body[j]);
                }

                j++;
            }

            labels[key] = value.ToString();
            i = j + 1;
        }
    }
}
