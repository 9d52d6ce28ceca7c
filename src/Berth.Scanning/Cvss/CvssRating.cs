namespace Berth.Scanning.Cvss;

/// <summary>Maps CVSS scores to the qualitative rating scale.</summary>
public static class CvssRating
{
    /// <summary>
    /// The rating of <paramref name="score"/>: None 0.0, Low 0.1–3.9, Medium 4.0–6.9, High 7.0–8.9,
    /// Critical 9.0–10.0. Scores are one-decimal by construction; values between the published bands
    /// (e.g. 3.95) belong to the lower band, so the scale has no gaps.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The score is NaN or outside 0.0–10.0.</exception>
    public static CvssSeverity FromScore(double score)
    {
        if (double.IsNaN(score) || score < 0.0 || score > 10.0)
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "A CVSS score is between 0.0 and 10.0.");
        }

        return score switch
        {
            0.0 => CvssSeverity.None,
            < 4.0 => CvssSeverity.Low,
            < 7.0 => CvssSeverity.Medium,
            < 9.0 => CvssSeverity.High,
            _ => CvssSeverity.Critical,
        };
    }
}
