using System.Diagnostics.CodeAnalysis;

namespace Berth.Scanning.Cvss;

/// <summary>
/// A validated CVSS v3.0, v3.1 or v4.0 vector string with its scores, computed once at parse time.
/// Immutable and safe to share between threads. Parsing allocates only this object (plus the error
/// message on failure); scores are one-decimal numbers as the specifications publish them.
/// </summary>
public sealed class CvssVector
{
    private readonly CvssMetricValues _values;
    private readonly string _text;

    private CvssVector(string text, CvssVersion version, in CvssMetricValues values)
    {
        _text = text;
        _values = values;
        Version = version;
        if (version == CvssVersion.V40)
        {
            BaseScore = Cvss4Scorer.Score(values, baseOnly: true);
            Score = Cvss4Scorer.Score(values, baseOnly: false);
            return;
        }

        var scores = Cvss3Scorer.Compute(values, v31: version == CvssVersion.V31);
        BaseScore = scores.Base;
        TemporalScore = scores.Temporal;
        EnvironmentalScore = scores.Environmental;
        Score = AnyDefined(Cvss3Metrics.FirstEnvironmental, Cvss3Metrics.All.Length) ? scores.Environmental
            : AnyDefined(Cvss3Metrics.FirstTemporal, Cvss3Metrics.FirstEnvironmental) ? scores.Temporal
            : scores.Base;
    }

    public CvssVersion Version { get; }

    /// <summary>
    /// The base score: v3.x Base Score; for v4.0 the CVSS-B score (threat and environmental metrics
    /// ignored).
    /// </summary>
    public double BaseScore { get; }

    /// <summary>v3.x Temporal Score (equal to the base score when no temporal metric is given); null for v4.0.</summary>
    public double? TemporalScore { get; }

    /// <summary>
    /// v3.x Environmental Score, computed even when no environmental metric is given (in v3.1 it can then
    /// differ from the base score for changed scope); null for v4.0.
    /// </summary>
    public double? EnvironmentalScore { get; }

    /// <summary>
    /// The score to rate the vector by: for v3.x the environmental score if any environmental metric
    /// is defined (not X), else the temporal score if any temporal metric is defined, else the base
    /// score; for v4.0 the score with every metric the vector gives (see <see cref="Nomenclature"/>).
    /// </summary>
    public double Score { get; }

    /// <summary>The qualitative rating of <see cref="Score"/>.</summary>
    public CvssSeverity Severity => CvssRating.FromScore(Score);

    /// <summary>
    /// What <see cref="Score"/> covers, as CVSS v4.0 §1.3 names it: <c>CVSS-B</c>, <c>CVSS-BT</c>,
    /// <c>CVSS-BE</c> or <c>CVSS-BTE</c>. For v3.x: <c>CVSS-B</c>, <c>CVSS-BT</c> or <c>CVSS-BTE</c>
    /// (the v3.x environmental score always includes the temporal metrics).
    /// </summary>
    public string Nomenclature
    {
        get
        {
            if (Version != CvssVersion.V40)
            {
                return AnyDefined(Cvss3Metrics.FirstEnvironmental, Cvss3Metrics.All.Length) ? "CVSS-BTE"
                    : AnyDefined(Cvss3Metrics.FirstTemporal, Cvss3Metrics.FirstEnvironmental) ? "CVSS-BT"
                    : "CVSS-B";
            }

            var threat = AnyDefined(Cvss4Metrics.E, Cvss4Metrics.E + 1);
            var environmental = AnyDefined(Cvss4Metrics.CR, Cvss4Metrics.MSA + 1);
            return (threat, environmental) switch
            {
                (true, true) => "CVSS-BTE",
                (true, false) => "CVSS-BT",
                (false, true) => "CVSS-BE",
                _ => "CVSS-B",
            };
        }
    }

    /// <summary>
    /// The value given for metric <paramref name="name"/> (e.g. <c>"AV"</c> → <c>"N"</c>, as written,
    /// including an explicit <c>"X"</c>), or null if the vector does not contain it or the version
    /// has no such metric.
    /// </summary>
    public string? GetMetric(string name)
    {
        var metrics = Metrics;
        for (var i = 0; i < metrics.Length; i++)
        {
            if (metrics[i].Name == name)
            {
                return _values[i] == 0 ? null : metrics[i].Values[_values[i] - 1];
            }
        }

        return null;
    }

    /// <summary>The vector string as parsed.</summary>
    public override string ToString() => _text;

    /// <summary>
    /// Parses and scores a vector. On failure <paramref name="error"/> says what is wrong (unsupported
    /// prefix, malformed, unknown or duplicate metric, invalid value, missing base metric); never throws.
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out CvssVector? vector,
        [NotNullWhen(false)] out string? error)
    {
        if (!CvssVectorParser.TryParse(text, out var version, out var values, out error))
        {
            vector = null;
            return false;
        }

        vector = new CvssVector(text!, version, values);
        return true;
    }

    /// <summary>Parses and scores a vector.</summary>
    /// <exception cref="FormatException">The vector is invalid; the message says why.</exception>
    public static CvssVector Parse(string text) =>
        TryParse(text, out var vector, out var error) ? vector : throw new FormatException(error);

    private CvssMetric[] Metrics => Version == CvssVersion.V40 ? Cvss4Metrics.All : Cvss3Metrics.All;

    /// <summary>Whether any metric in [from, to) is present with a value other than X.</summary>
    private bool AnyDefined(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (_values[i] > 1)
            {
                return true;
            }
        }

        return false;
    }
}
