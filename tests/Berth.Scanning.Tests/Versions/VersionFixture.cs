using System.Text;
using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

/// <summary>
/// Reads the osv-scalibr version-ordering fixtures in TestData/versions (format: <c>A &lt; B</c>, <c>A = B</c>
/// or <c>A &gt; B</c> with single spaces; blank lines and lines starting with <c># </c> or <c>// </c> are
/// comments) and checks a comparer against every line, both ways round.
/// </summary>
internal static class VersionFixture
{
    public const int MaxReported = 25;

    public sealed record Line(int Number, string Left, int Expected, string Right, string Text);

    public static string PathOf(string file) =>
        Path.Combine(AppContext.BaseDirectory, "TestData", "versions", file);

    public static IReadOnlyList<Line> Read(string file)
    {
        var lines = new List<Line>();
        var number = 0;
        foreach (var text in File.ReadLines(PathOf(file)))
        {
            number++;
            if (text.Length == 0 || text.StartsWith("# ", StringComparison.Ordinal) ||
                text.StartsWith("// ", StringComparison.Ordinal))
            {
                continue;
            }

            var pieces = text.Split(' ');
            var expected = pieces.Length == 3 ? pieces[1] switch { "<" => -1, "=" => 0, ">" => 1, _ => 2 } : 2;
            if (expected == 2)
            {
                throw new FormatException($"{file}:{number}: not 'A op B': \"{text}\"");
            }

            lines.Add(new Line(number, pieces[0], expected, pieces[2], text));
        }

        return lines;
    }

    /// <summary>
    /// Compares every line both ways and returns a report of the failures (empty when all pass); the
    /// passing count goes to <paramref name="log"/>.
    /// </summary>
    public static string Check(IVersionComparer comparer, string file, Action<string>? log = null)
    {
        var lines = Read(file);
        Assert.NotEmpty(lines);
        var failures = new List<string>();
        var deviations = 0;
        foreach (var line in lines)
        {
            var expected = line.Expected;
            var note = "";
            if (KnownDeviations.Find(file, line.Number) is { } deviation)
            {
                Assert.Equal(deviation.Text, line.Text);
                expected = deviation.Expected;
                note = $" (known deviation: expected {Op(expected)})";
                deviations++;
            }

            var forward = comparer.Compare(line.Left, line.Right);
            var backward = comparer.Compare(line.Right, line.Left);
            if (forward != expected || backward != -expected)
            {
                failures.Add($"  line {line.Number}: \"{line.Text}\"{note} but got {Op(forward)} (reversed: {Op(backward)})");
            }
        }

        log?.Invoke($"{file}: {lines.Count - failures.Count}/{lines.Count} lines pass with {comparer.Scheme}" +
            (deviations > 0 ? $", {deviations} of them as documented deviations" : ""));
        if (failures.Count == 0)
        {
            return "";
        }

        var report = new StringBuilder()
            .AppendLine($"{file}: {failures.Count} of {lines.Count} lines fail with {comparer.Scheme}; the first {Math.Min(MaxReported, failures.Count)}:");
        foreach (var failure in failures.Take(MaxReported))
        {
            report.AppendLine(failure);
        }

        return report.ToString();
    }

    private static string Op(int result) => result switch { < 0 => "<", 0 => "=", _ => ">" };
}
