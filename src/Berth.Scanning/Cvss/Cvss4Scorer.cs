using static Berth.Scanning.Cvss.Cvss4Metrics;

namespace Berth.Scanning.Cvss;

/// <summary>
/// CVSS v4.0 scoring (specification §8): the vector's MacroVector (EQ1–EQ6) gives a score from the
/// lookup table; the score is then lowered by the mean, over the EQs that have a lower MacroVector, of
/// (score gap to that lower MacroVector) × (the vector's severity distance from the MacroVector's
/// highest-severity vector ÷ the MacroVector's depth), and rounded half up to one decimal.
/// </summary>
internal static class Cvss4Scorer
{
    /// <summary>
    /// Rounding tolerance of the reference calculators (FIRST's cvss40.js and Red Hat's cvss): a mean
    /// distance that is mathematically x.x5 may come out of binary arithmetic as x.x4999…; exact
    /// results are at least ~8·10⁻⁶ from a rounding boundary, so 10⁻⁶ only repairs that noise.
    /// </summary>
    private const double Epsilon = 1e-6;

    /// <summary>
    /// The score with every metric the vector gives (CVSS-B, -BT, -BE or -BTE), or, when
    /// <paramref name="baseOnly"/>, with threat and environmental metrics ignored (CVSS-B).
    /// Supplemental metrics never affect the score.
    /// </summary>
    public static double Score(in CvssMetricValues v, bool baseOnly)
    {
        Span<int> level = stackalloc int[ScoredCount];
        for (var d = 0; d < ScoredCount; d++)
        {
            level[d] = Level(v, d, baseOnly);
        }

        if (level[VC] == 2 && level[VI] == 2 && level[VA] == 2 && level[SC] == 3 && level[SI] == 3 && level[SA] == 3)
        {
            return 0.0; // no impact on either system
        }

        var eq1 = level[AV] == 0 && level[PR] == 0 && level[UI] == 0 ? 0
            : (level[AV] == 0 || level[PR] == 0 || level[UI] == 0) && level[AV] != 3 ? 1
            : 2;
        var eq2 = level[AC] == 0 && level[AT] == 0 ? 0 : 1;
        var eq3 = level[VC] == 0 && level[VI] == 0 ? 0
            : level[VC] == 0 || level[VI] == 0 || level[VA] == 0 ? 1
            : 2;
        var eq4 = level[SI] == 0 || level[SA] == 0 ? 0
            : level[SC] == 1 || level[SI] == 1 || level[SA] == 1 ? 1
            : 2;
        var eq5 = level[E];
        var eq6 = (level[CR] == 0 && level[VC] == 0) || (level[IR] == 0 && level[VI] == 0)
            || (level[AR] == 0 && level[VA] == 0) ? 0 : 1;

        var scores = Cvss4Tables.Scores;
        var value = scores[Cvss4Tables.Index(eq1, eq2, eq3, eq4, eq5, eq6)];

        // The next lower MacroVector of each EQ (NaN when there is none).
        var lower1 = Lookup(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
        var lower2 = Lookup(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
        var lower36 = (eq3, eq6) switch
        {
            (0, 0) => Higher(Lookup(eq1, eq2, eq3, eq4, eq5, 1), Lookup(eq1, eq2, 1, eq4, eq5, eq6)),
            (1, 0) => Lookup(eq1, eq2, eq3, eq4, eq5, 1),
            _ => Lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6), // 01 → 11, 11 → 21, 21 → none
        };
        var lower4 = Lookup(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
        var lower5 = Lookup(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

        var sum = 0.0;
        var count = 0;
        Accumulate(value - lower1, Distance(level, 0, eq1), Cvss4Tables.Depths[0][eq1], ref sum, ref count);
        Accumulate(value - lower2, Distance(level, 1, eq2), Cvss4Tables.Depths[1][eq2], ref sum, ref count);
        Accumulate(value - lower36, Distance(level, 2, eq3 * 2 + eq6), Cvss4Tables.Depths[2][eq3 * 2 + eq6], ref sum, ref count);
        Accumulate(value - lower4, Distance(level, 3, eq4), Cvss4Tables.Depths[3][eq4], ref sum, ref count);
        Accumulate(value - lower5, 0, 1, ref sum, ref count); // EQ5 has no distance within its MacroVector

        if (count > 0)
        {
            value -= sum / count;
        }

        value = Math.Clamp(value, 0.0, 10.0);
        return Math.Round((value + Epsilon) * 10.0, MidpointRounding.AwayFromZero) / 10.0;
    }

    private static void Accumulate(double available, int distance, int depth, ref double sum, ref int count)
    {
        if (double.IsNaN(available))
        {
            return;
        }

        sum += available * distance / depth;
        count++;
    }

    /// <summary>
    /// Severity distance, summed over the group's dimensions, from the first highest-severity vector of
    /// the group level that is at least as severe as the vector in every dimension. The reference
    /// searches all combinations of the groups' vectors in nested table order; the groups constrain
    /// disjoint dimensions, so its first match is each group's first match.
    /// </summary>
    private static int Distance(ReadOnlySpan<int> level, int group, int index)
    {
        var parts = Cvss4Tables.MaxParts[group][index];
        var total = 0;
        for (var p = 0; p < parts.Length; p++)
        {
            total = 0;
            var fits = true;
            var part = parts[p];
            for (var d = 0; d < part.Length; d++)
            {
                if (part[d] < 0)
                {
                    continue;
                }

                var step = level[d] - part[d];
                fits &= step >= 0;
                total += step;
            }

            if (fits)
            {
                break;
            }
        }

        // No fit cannot happen with FIRST's tables; like the reference, the last candidate is kept.
        return total;
    }

    private static double Lookup(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) =>
        eq1 > 2 || eq2 > 1 || eq3 > 2 || eq4 > 2 || eq5 > 2 || eq6 > 1
            ? double.NaN
            : Cvss4Tables.Scores[Cvss4Tables.Index(eq1, eq2, eq3, eq4, eq5, eq6)];

    /// <summary>The larger of two scores; when either is missing, the second (as the reference's <c>&gt;</c> does).</summary>
    private static double Higher(double left, double right) => left > right ? left : right;

    /// <summary>The effective level of dimension <paramref name="d"/>: modified value, else base value, else worst case.</summary>
    private static int Level(in CvssMetricValues v, int d, bool baseOnly)
    {
        if (d is E or CR or IR or AR)
        {
            var stored = baseOnly ? 0 : v[d];
            return stored == 0 ? 0 : Math.Max(0, (int)Cvss4Levels.ByMetric[d][stored - 1]);
        }

        if (!baseOnly)
        {
            var modified = v[d + ModifiedOffset];
            if (modified > 1)
            {
                return Cvss4Levels.ByMetric[d + ModifiedOffset][modified - 1];
            }
        }

        return Cvss4Levels.ByMetric[d][v[d] - 1];
    }
}
