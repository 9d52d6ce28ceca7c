using static Berth.Scanning.Cvss.Cvss3Metrics;

namespace Berth.Scanning.Cvss;

/// <summary>
/// CVSS v3.0 and v3.1 base, temporal and environmental equations (v3.1 §7; rounding per v3.1
/// Appendix A). Arithmetic is in <see cref="decimal"/>: every weight is an exact decimal fraction, so
/// products and sums are exact and Round up acts on the true value, not a binary approximation (in
/// doubles 10.0 × 0.92 is 9.200000000000001, which a plain ceiling turns into 9.3; v3.1 added its
/// Roundup definition against that, and it is applied to v3.1 as well). The two versions differ only
/// in Round up and in the changed-scope modified impact.
/// </summary>
internal static class Cvss3Scorer
{
    // Weights by value index, in the value order of Cvss3Metrics.
    private static readonly decimal[] AttackVector = [0.85m, 0.62m, 0.55m, 0.2m];
    private static readonly decimal[] AttackComplexity = [0.77m, 0.44m];
    private static readonly decimal[] PrivilegesUnchanged = [0.85m, 0.62m, 0.27m];
    private static readonly decimal[] PrivilegesChanged = [0.85m, 0.68m, 0.5m];
    private static readonly decimal[] UserInteraction = [0.85m, 0.62m];
    private static readonly decimal[] Impact = [0.56m, 0.22m, 0m];
    private static readonly decimal[] ExploitMaturity = [1m, 0.91m, 0.94m, 0.97m, 1m];
    private static readonly decimal[] RemediationLevel = [1m, 0.95m, 0.96m, 0.97m, 1m];
    private static readonly decimal[] ReportConfidence = [1m, 0.92m, 0.96m, 1m];
    private static readonly decimal[] Requirement = [1m, 0.5m, 1m, 1.5m];

    private const int ScopeChanged = 1;

    public readonly record struct Scores(double Base, double Temporal, double Environmental);

    public static Scores Compute(in CvssMetricValues v, bool v31)
    {
        var baseScore = BaseScore(v, v31);
        var temporalFactor = TemporalFactor(v);
        var temporal = RoundUp(baseScore * temporalFactor, v31);
        var environmental = EnvironmentalScore(v, v31, temporalFactor);
        return new Scores((double)baseScore, (double)temporal, (double)environmental);
    }

    private static decimal BaseScore(in CvssMetricValues v, bool v31)
    {
        var changed = Value(v, S) == ScopeChanged;
        var iss = 1m - (1m - Impact[Value(v, C)]) * (1m - Impact[Value(v, I)]) * (1m - Impact[Value(v, A)]);
        var impact = changed
            ? 7.52m * (iss - 0.029m) - 3.25m * Pow(iss - 0.02m, 15)
            : 6.42m * iss;
        if (impact <= 0m)
        {
            return 0m;
        }

        var privileges = (changed ? PrivilegesChanged : PrivilegesUnchanged)[Value(v, PR)];
        var exploitability = 8.22m * AttackVector[Value(v, AV)] * AttackComplexity[Value(v, AC)]
            * privileges * UserInteraction[Value(v, UI)];
        var sum = changed ? 1.08m * (impact + exploitability) : impact + exploitability;
        return RoundUp(Math.Min(sum, 10m), v31);
    }

    private static decimal TemporalFactor(in CvssMetricValues v) =>
        ExploitMaturity[Optional(v, E)] * RemediationLevel[Optional(v, RL)] * ReportConfidence[Optional(v, RC)];

    private static decimal EnvironmentalScore(in CvssMetricValues v, bool v31, decimal temporalFactor)
    {
        var changed = Modified(v, S) == ScopeChanged;
        var miss = Math.Min(
            1m - (1m - Requirement[Optional(v, CR)] * Impact[Modified(v, C)])
               * (1m - Requirement[Optional(v, IR)] * Impact[Modified(v, I)])
               * (1m - Requirement[Optional(v, AR)] * Impact[Modified(v, A)]),
            0.915m);
        decimal impact;
        if (!changed)
        {
            impact = 6.42m * miss;
        }
        else if (v31)
        {
            impact = 7.52m * (miss - 0.029m) - 3.25m * Pow(miss * 0.9731m - 0.02m, 13);
        }
        else
        {
            impact = 7.52m * (miss - 0.029m) - 3.25m * Pow(miss - 0.02m, 15);
        }

        if (impact <= 0m)
        {
            return 0m;
        }

        var privileges = (changed ? PrivilegesChanged : PrivilegesUnchanged)[Modified(v, PR)];
        var exploitability = 8.22m * AttackVector[Modified(v, AV)] * AttackComplexity[Modified(v, AC)]
            * privileges * UserInteraction[Modified(v, UI)];
        var sum = changed ? 1.08m * (impact + exploitability) : impact + exploitability;
        return RoundUp(RoundUp(Math.Min(sum, 10m), v31) * temporalFactor, v31);
    }

    /// <summary>
    /// v3.0 "Round up": the smallest one-decimal number ≥ x. v3.1 "Roundup" (Appendix A) first rounds
    /// to five decimals, so a value within 0.000005 above a tenth stays on that tenth.
    /// </summary>
    internal static decimal RoundUp(decimal x, bool v31)
    {
        if (!v31)
        {
            return decimal.Ceiling(x * 10m) / 10m;
        }

        var scaled = decimal.Round(x * 100_000m, MidpointRounding.AwayFromZero);
        return scaled % 10_000m == 0m
            ? scaled / 100_000m
            : (decimal.Floor(scaled / 10_000m) + 1m) / 10m;
    }

    private static decimal Pow(decimal x, int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= x;
        }

        return result;
    }

    /// <summary>Index of a mandatory base value.</summary>
    private static int Value(in CvssMetricValues v, int metric) => v[metric] - 1;

    /// <summary>Index of an optional value; absent reads as X (index 0).</summary>
    private static int Optional(in CvssMetricValues v, int metric) => Math.Max(v[metric] - 1, 0);

    /// <summary>The modified value of a base metric's index; absent or X falls back to the base value.</summary>
    private static int Modified(in CvssMetricValues v, int baseMetric)
    {
        var modified = v[baseMetric + ModifiedOffset];
        return modified > 1 ? modified - 2 : v[baseMetric] - 1;
    }
}
