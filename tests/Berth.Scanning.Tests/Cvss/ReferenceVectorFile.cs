using System.Globalization;

namespace Berth.Scanning.Tests.Cvss;

/// <summary>
/// One vector with its expected scores from the Red Hat cvss test data (TestData/cvss, LGPL-3.0):
/// lines are <c>VECTOR - (base, temporal, environmental)</c>, <c>VECTOR - (score,)</c> or <c>VECTOR - score</c>.
/// </summary>
internal sealed record ReferenceVector(int Line, string Vector, double[] Expected)
{
    public static IReadOnlyList<ReferenceVector> ReadAll(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "cvss", fileName);
        var result = new List<ReferenceVector>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var separator = line.LastIndexOf(" - ", StringComparison.Ordinal);
            if (separator < 0)
            {
                throw new InvalidDataException($"{fileName}:{lineNumber}: no ' - ' separator in '{line}'.");
            }

            var scores = line[(separator + 3)..].Trim('(', ')', ' ')
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => double.Parse(s, CultureInfo.InvariantCulture))
                .ToArray();
            result.Add(new ReferenceVector(lineNumber, line[..separator], scores));
        }

        return result;
    }
}
