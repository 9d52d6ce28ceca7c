using System.Globalization;
using Berth.Scanning.Cvss;

namespace Berth.Scanning.Tests.Cvss;

/// <summary>
/// Every vector of every Red Hat cvss test file must parse and score exactly as the file says (to one
/// decimal), as must the random vectors scored by Red Hat cvss 3.6 (random*_redhat36, which cover the
/// modified metrics the Red Hat files lack; see TestData/cvss/NOTICE). One test per file; failures are
/// collected and the first few reported.
/// </summary>
public sealed class CvssReferenceVectorTests
{
    private const int ReportedFailures = 15;

    [Theory]
    [InlineData("vectors_simple3", 2592)]
    [InlineData("vectors_simple31", 2592)]
    [InlineData("vectors_calculator3", 2)]
    [InlineData("vectors_cvsslib3", 29)]
    [InlineData("random3_redhat36", 2000)]
    public void Cvss3_base_temporal_and_environmental_scores_match(string file, int expectedCount)
    {
        Check(file, expectedCount, (vector, expected) =>
        {
            Assert.Equal(3, expected.Length);
            return Differences(
                ("base", expected[0], vector.BaseScore),
                ("temporal", expected[1], vector.TemporalScore!.Value),
                ("environmental", expected[2], vector.EnvironmentalScore!.Value));
        });
    }

    [Theory]
    [InlineData("vectors_simple4", 1058)]
    [InlineData("vectors_supplemental4", 576)]
    [InlineData("vectors_security4", 54)]
    [InlineData("vectors_threat4", 6)]
    [InlineData("random4_redhat36", 2000)]
    public void Cvss4_scores_match(string file, int expectedCount)
    {
        Check(file, expectedCount, (vector, expected) =>
        {
            Assert.Single(expected);
            return Differences(("score", expected[0], vector.Score));
        });
    }

    private static void Check(string file, int expectedCount, Func<CvssVector, double[], string?> compare)
    {
        var vectors = ReferenceVector.ReadAll(file);
        Assert.Equal(expectedCount, vectors.Count);

        var failures = new List<string>();
        foreach (var reference in vectors)
        {
            var failure = CvssVector.TryParse(reference.Vector, out var vector, out var error)
                ? compare(vector, reference.Expected)
                : $"rejected: {error}";
            if (failure is not null)
            {
                failures.Add($"{file}:{reference.Line} {reference.Vector}: {failure}");
            }
        }

        Assert.True(
            failures.Count == 0,
            $"{failures.Count} of {vectors.Count} vectors in {file} disagree; first {Math.Min(failures.Count, ReportedFailures)}:\n"
            + string.Join("\n", failures.Take(ReportedFailures)));
    }

    private static string? Differences(params (string Name, double Expected, double Actual)[] scores)
    {
        var wrong = scores
            .Where(s => Format(s.Expected) != Format(s.Actual))
            .Select(s => $"{s.Name} expected {Format(s.Expected)}, got {Format(s.Actual)}")
            .ToList();
        return wrong.Count == 0 ? null : string.Join("; ", wrong);
    }

    private static string Format(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);
}
