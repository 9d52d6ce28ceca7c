namespace Berth.Core.Scanning;

/// <summary>
/// The rating of a finding: the CVSS qualitative scale (None … Critical) plus <see cref="Unknown"/> for advisories
/// that carry neither a vector, a score nor a severity word. The numeric order is the severity order, so
/// severities compare with <c>&lt;</c> and <c>&gt;=</c>; Unknown sorts below None.
/// </summary>
public enum FindingSeverity
{
    Unknown = 0,
    None = 1,
    Low = 2,
    Medium = 3,
    High = 4,
    Critical = 5,
}

/// <summary>Ratings from scores and severity words.</summary>
public static class FindingSeverities
{
    /// <summary>
    /// Reads a source's own severity word, case-insensitively: GHSA (<c>LOW</c>, <c>MODERATE</c>, <c>HIGH</c>,
    /// <c>CRITICAL</c>), Red Hat/AlmaLinux (<c>Low</c>, <c>Moderate</c>, <c>Important</c>, <c>Critical</c>), Debian
    /// urgencies (<c>unimportant</c>, <c>low</c>, <c>medium</c>, <c>high</c>), and the rating names themselves.
    /// Null for null or an unknown word (Debian's <c>not yet assigned</c>). Never throws.
    /// </summary>
    public static FindingSeverity? FromWord(string? word) => word?.Trim().ToUpperInvariant() switch
    {
        "CRITICAL" => FindingSeverity.Critical,
        "HIGH" or "IMPORTANT" => FindingSeverity.High,
        "MEDIUM" or "MODERATE" => FindingSeverity.Medium,
        "LOW" or "UNIMPORTANT" or "NEGLIGIBLE" => FindingSeverity.Low,
        "NONE" => FindingSeverity.None,
        _ => null,
    };

    /// <summary>Parses a rating name (<c>high</c>, <c>Critical</c>) case-insensitively; false for anything else.</summary>
    public static bool TryParse(string? text, out FindingSeverity severity) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out severity) && Enum.IsDefined(severity) && !int.TryParse(text, out _);
}
