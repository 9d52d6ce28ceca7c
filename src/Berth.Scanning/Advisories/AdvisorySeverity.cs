using System.Globalization;
using System.Text.Json.Serialization;

namespace Berth.Scanning.Advisories;

/// <summary>
/// One OSV <c>severity[]</c> entry. For OSV data <see cref="Score"/> is a vector (<c>CVSS:3.1/AV:N/…</c>);
/// rubysec and legacy npm sometimes give only a base score, stored as a number string (<c>"6.3"</c>) under the
/// same type — <see cref="BaseScore"/> reads it.
/// </summary>
public sealed record AdvisorySeverity(string Type, string Score)
{
    public const string CvssV2 = "CVSS_V2";
    public const string CvssV3 = "CVSS_V3";
    public const string CvssV4 = "CVSS_V4";

    /// <summary>The score when <see cref="Score"/> is a plain number; null for vectors.</summary>
    [JsonIgnore]
    public double? BaseScore =>
        double.TryParse(Score, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>One OSV <c>references[]</c> entry (<c>ADVISORY</c>, <c>FIX</c>, <c>WEB</c> …).</summary>
public sealed record AdvisoryReference(string Type, string Url);
