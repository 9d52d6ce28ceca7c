namespace Berth.Scanning.Cvss;

/// <summary>
/// Qualitative severity rating of a CVSS score (CVSS v3.x §5 and v4.0 use the same scale).
/// The numeric order is the severity order, so severities compare with <c>&lt;</c> and <c>&gt;=</c>.
/// </summary>
public enum CvssSeverity
{
    /// <summary>Score 0.0.</summary>
    None = 0,

    /// <summary>Score 0.1–3.9.</summary>
    Low = 1,

    /// <summary>Score 4.0–6.9.</summary>
    Medium = 2,

    /// <summary>Score 7.0–8.9.</summary>
    High = 3,

    /// <summary>Score 9.0–10.0.</summary>
    Critical = 4,
}
