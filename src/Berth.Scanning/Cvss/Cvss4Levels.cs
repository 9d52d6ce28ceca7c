using static Berth.Scanning.Cvss.Cvss4Metrics;

namespace Berth.Scanning.Cvss;

/// <summary>
/// Severity levels of CVSS v4.0 values (specification §8, as FIRST's calculator encodes them): 0 is the
/// most severe value of a metric and each step down is one unit of severity distance. SC/SI/SA start
/// at 1 because Safety (S, only possible through MSI/MSA) sits above High at 0. Absent threat and
/// requirement metrics score as their worst case (E:A, CR/IR/AR:H), i.e. level 0.
/// </summary>
internal static class Cvss4Levels
{
    /// <summary>Level of <paramref name="value"/> for scored dimension <paramref name="dimension"/> (AV … AR), or −1.</summary>
    public static int Of(int dimension, ReadOnlySpan<char> value)
    {
        if (value.Length != 1)
        {
            return -1;
        }

        return (dimension, value[0]) switch
        {
            (AV, 'N') or (AC, 'L') or (AT, 'N') or (PR, 'N') or (UI, 'N') => 0,
            (AV, 'A') or (AC, 'H') or (AT, 'P') or (PR, 'L') or (UI, 'P') => 1,
            (AV, 'L') or (PR, 'H') or (UI, 'A') => 2,
            (AV, 'P') => 3,
            (VC or VI or VA or CR or IR or AR, 'H') => 0,
            (VC or VI or VA, 'L') or (CR or IR or AR, 'M') => 1,
            (VC or VI or VA, 'N') or (CR or IR or AR, 'L') => 2,
            (SI or SA, 'S') => 0,
            (SC or SI or SA, 'H') => 1,
            (SC or SI or SA, 'L') => 2,
            (SC or SI or SA, 'N') => 3,
            (E, 'A') => 0,
            (E, 'P') => 1,
            (E, 'U') => 2,
            _ => -1,
        };
    }

    /// <summary>
    /// Level per metric and value index, for metrics 0 … <see cref="MSA"/>; X (and anything that does not
    /// score) is −1. Built from <see cref="Of"/> so the vector and the JSON tables share one definition.
    /// </summary>
    public static readonly sbyte[][] ByMetric = BuildByMetric();

    private static sbyte[][] BuildByMetric()
    {
        var result = new sbyte[MSA + 1][];
        for (var metric = 0; metric <= MSA; metric++)
        {
            var dimension = metric >= MAV ? metric - ModifiedOffset : metric;
            var values = All[metric].Values;
            result[metric] = new sbyte[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                result[metric][i] = (sbyte)Of(dimension, values[i]);
            }
        }

        return result;
    }
}
