using System.Diagnostics.CodeAnalysis;

namespace Berth.Scanning.Cvss;

/// <summary>
/// Validates a vector string and reads its metrics. Metrics may appear in any order (CVSS v3.x §6
/// allows it; v4.0 is ambiguous and real advisories reorder them), but each at most once, with a value
/// the specification defines (case-sensitive), and every base metric present. Only the failure path
/// allocates (the error message).
/// </summary>
internal static class CvssVectorParser
{
    /// <summary>Far above the longest valid vector (v4.0 with every metric is under 200 characters).</summary>
    public const int MaxLength = 512;

    public static bool TryParse(
        string? text, out CvssVersion version, out CvssMetricValues values, [NotNullWhen(false)] out string? error)
    {
        version = default;
        values = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "The CVSS vector is empty.";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"The CVSS vector is {text.Length} characters long; no valid vector exceeds {MaxLength}.";
            return false;
        }

        if (!TryReadPrefix(text, out version, out error))
        {
            return false;
        }

        var metrics = version == CvssVersion.V40 ? Cvss4Metrics.All : Cvss3Metrics.All;
        var label = Label(version);
        var rest = text.AsSpan(PrefixLength);
        if (rest.IsEmpty)
        {
            error = $"The vector has no metrics after its {text[..(PrefixLength - 1)]}/ prefix.";
            return false;
        }

        var position = 1;
        while (true)
        {
            var slash = rest.IndexOf('/');
            var field = slash < 0 ? rest : rest[..slash];
            if (!TryReadField(field, position, metrics, label, ref values, out error))
            {
                return false;
            }

            if (slash < 0)
            {
                break;
            }

            rest = rest[(slash + 1)..];
            position++;
        }

        return CheckMandatory(metrics, label, values, out error);
    }

    private const int PrefixLength = 9; // "CVSS:x.y/"

    private static bool TryReadPrefix(string text, out CvssVersion version, [NotNullWhen(false)] out string? error)
    {
        version = default;
        error = null;
        if (text.StartsWith("CVSS:3.0/", StringComparison.Ordinal))
        {
            version = CvssVersion.V30;
            return true;
        }

        if (text.StartsWith("CVSS:3.1/", StringComparison.Ordinal))
        {
            version = CvssVersion.V31;
            return true;
        }

        if (text.StartsWith("CVSS:4.0/", StringComparison.Ordinal))
        {
            version = CvssVersion.V40;
            return true;
        }

        if (text is "CVSS:3.0" or "CVSS:3.1" or "CVSS:4.0")
        {
            error = $"The vector has no metrics after its {text}/ prefix.";
        }
        else if (text.StartsWith("CVSS:", StringComparison.Ordinal))
        {
            var end = text.IndexOf('/', StringComparison.Ordinal);
            var declared = end < 0 ? text : text[..end];
            error = $"Unsupported CVSS version prefix '{declared}'; expected CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/.";
        }
        else if (text.StartsWith("AV:", StringComparison.Ordinal) || text.StartsWith("(AV:", StringComparison.Ordinal))
        {
            error = "The vector has no CVSS:x.y/ prefix (CVSS v2 vectors are not supported); expected CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/.";
        }
        else
        {
            error = "The vector does not start with CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/.";
        }

        return false;
    }

    private static bool TryReadField(
        ReadOnlySpan<char> field, int position, CvssMetric[] metrics, string label,
        ref CvssMetricValues values, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (field.IsEmpty)
        {
            error = $"Empty metric at position {position} (a doubled or trailing '/').";
            return false;
        }

        var colon = field.IndexOf(':');
        if (colon <= 0 || colon == field.Length - 1 || field[(colon + 1)..].Contains(':'))
        {
            error = $"Malformed metric '{field}' at position {position}; expected NAME:VALUE.";
            return false;
        }

        var name = field[..colon];
        var value = field[(colon + 1)..];
        var index = IndexOfMetric(metrics, name);
        if (index < 0)
        {
            error = $"Unknown metric '{name}' for {label}.";
            return false;
        }

        var metric = metrics[index];
        var valueIndex = metric.IndexOf(value);
        if (valueIndex < 0)
        {
            error = $"Invalid value '{value}' for metric {metric.Name} in {label}; expected one of {string.Join(", ", metric.Values)}.";
            return false;
        }

        if (values[index] != 0)
        {
            error = $"Duplicate metric {metric.Name} at position {position}.";
            return false;
        }

        values[index] = (byte)(valueIndex + 1);
        return true;
    }

    private static bool CheckMandatory(CvssMetric[] metrics, string label, in CvssMetricValues values, [NotNullWhen(false)] out string? error)
    {
        error = null;
        List<string>? missing = null;
        for (var i = 0; i < metrics.Length; i++)
        {
            if (metrics[i].Mandatory && values[i] == 0)
            {
                (missing ??= []).Add(metrics[i].Name);
            }
        }

        if (missing is null)
        {
            return true;
        }

        error = $"Missing mandatory base metric{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)} for {label}.";
        return false;
    }

    private static int IndexOfMetric(CvssMetric[] metrics, ReadOnlySpan<char> name)
    {
        for (var i = 0; i < metrics.Length; i++)
        {
            if (name.SequenceEqual(metrics[i].Name))
            {
                return i;
            }
        }

        return -1;
    }

    internal static string Label(CvssVersion version) => version switch
    {
        CvssVersion.V30 => "CVSS 3.0",
        CvssVersion.V31 => "CVSS 3.1",
        _ => "CVSS 4.0",
    };
}
