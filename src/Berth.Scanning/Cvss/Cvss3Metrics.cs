namespace Berth.Scanning.Cvss;

/// <summary>The CVSS v3.0/v3.1 metrics (both versions share them), in specification order.</summary>
internal static class Cvss3Metrics
{
    public const int AV = 0, AC = 1, PR = 2, UI = 3, S = 4, C = 5, I = 6, A = 7;
    public const int E = 8, RL = 9, RC = 10;
    public const int CR = 11, IR = 12, AR = 13;
    public const int MAV = 14, MAC = 15, MPR = 16, MUI = 17, MS = 18, MC = 19, MI = 20, MA = 21;

    /// <summary>Offset from a base metric to its modified counterpart (AV → MAV … A → MA).</summary>
    public const int ModifiedOffset = MAV - AV;

    public const int FirstTemporal = E, FirstEnvironmental = CR;

    public static readonly CvssMetric[] All =
    [
        new("AV", true, "N", "A", "L", "P"),
        new("AC", true, "L", "H"),
        new("PR", true, "N", "L", "H"),
        new("UI", true, "N", "R"),
        new("S", true, "U", "C"),
        new("C", true, "H", "L", "N"),
        new("I", true, "H", "L", "N"),
        new("A", true, "H", "L", "N"),
        new("E", false, "X", "U", "P", "F", "H"),
        new("RL", false, "X", "O", "T", "W", "U"),
        new("RC", false, "X", "U", "R", "C"),
        new("CR", false, "X", "L", "M", "H"),
        new("IR", false, "X", "L", "M", "H"),
        new("AR", false, "X", "L", "M", "H"),
        new("MAV", false, "X", "N", "A", "L", "P"),
        new("MAC", false, "X", "L", "H"),
        new("MPR", false, "X", "N", "L", "H"),
        new("MUI", false, "X", "N", "R"),
        new("MS", false, "X", "U", "C"),
        new("MC", false, "X", "H", "L", "N"),
        new("MI", false, "X", "H", "L", "N"),
        new("MA", false, "X", "H", "L", "N"),
    ];
}
