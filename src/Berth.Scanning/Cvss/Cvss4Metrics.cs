namespace Berth.Scanning.Cvss;

/// <summary>
/// The CVSS v4.0 metrics in specification order. The first 15 (AV … AR) are also the dimensions of
/// the severity-distance computation; MAV … MSA follow in the same order as AV … SA.
/// </summary>
internal static class Cvss4Metrics
{
    public const int AV = 0, AC = 1, AT = 2, PR = 3, UI = 4, VC = 5, VI = 6, VA = 7, SC = 8, SI = 9, SA = 10;
    public const int E = 11;
    public const int CR = 12, IR = 13, AR = 14;
    public const int MAV = 15, MSA = 25;
    public const int S = 26, U = 31;

    /// <summary>Offset from a base metric to its modified counterpart (AV → MAV … SA → MSA).</summary>
    public const int ModifiedOffset = MAV - AV;

    /// <summary>Metrics that take part in scoring: AV … AR.</summary>
    public const int ScoredCount = AR + 1;

    public static readonly CvssMetric[] All =
    [
        new("AV", true, "N", "A", "L", "P"),
        new("AC", true, "L", "H"),
        new("AT", true, "N", "P"),
        new("PR", true, "N", "L", "H"),
        new("UI", true, "N", "P", "A"),
        new("VC", true, "H", "L", "N"),
        new("VI", true, "H", "L", "N"),
        new("VA", true, "H", "L", "N"),
        new("SC", true, "H", "L", "N"),
        new("SI", true, "H", "L", "N"),
        new("SA", true, "H", "L", "N"),
        new("E", false, "X", "A", "P", "U"),
        new("CR", false, "X", "H", "M", "L"),
        new("IR", false, "X", "H", "M", "L"),
        new("AR", false, "X", "H", "M", "L"),
        new("MAV", false, "X", "N", "A", "L", "P"),
        new("MAC", false, "X", "L", "H"),
        new("MAT", false, "X", "N", "P"),
        new("MPR", false, "X", "N", "L", "H"),
        new("MUI", false, "X", "N", "P", "A"),
        new("MVC", false, "X", "H", "L", "N"),
        new("MVI", false, "X", "H", "L", "N"),
        new("MVA", false, "X", "H", "L", "N"),
        new("MSC", false, "X", "H", "L", "N"),
        new("MSI", false, "X", "S", "H", "L", "N"),
        new("MSA", false, "X", "S", "H", "L", "N"),
        new("S", false, "X", "N", "P"),
        new("AU", false, "X", "N", "Y"),
        new("R", false, "X", "A", "U", "I"),
        new("V", false, "X", "D", "C"),
        new("RE", false, "X", "L", "M", "H"),
        new("U", false, "X", "Clear", "Green", "Amber", "Red"),
    ];
}
