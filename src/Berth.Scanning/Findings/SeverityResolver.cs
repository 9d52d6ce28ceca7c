using Berth.Core.Scanning;
using Berth.Scanning.Advisories;
using Berth.Scanning.Cvss;

namespace Berth.Scanning.Findings;

/// <summary>The rating of a finding and where it comes from.</summary>
public sealed record ResolvedSeverity(FindingSeverity Severity, double? Score, string? Vector, string? Source)
{
    public static ResolvedSeverity Unknown { get; } = new(FindingSeverity.Unknown, null, null, null);
}

/// <summary>
/// Rates a vulnerability from all the advisories grouped into it: the CVSS base score of the best vector version
/// present (v4.0, else v3.1, else v3.0; among vectors of that version the highest score), else a bare score a
/// source gives (rubysec, legacy npm: v4/v3 scores on the v3 scale, v2 scores on v2's Low/Medium/High), else the
/// source's own severity word (GHSA, AlmaLinux, Debian urgency), else Unknown. Invalid vectors are ignored.
/// Pure and thread-safe.
/// </summary>
public static class SeverityResolver
{
    private const int VectorCacheLimit = 50_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CvssVector?> Vectors = new(StringComparer.Ordinal);

    public static ResolvedSeverity Resolve(IEnumerable<(Advisory Advisory, AffectedPackage Affected)> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        CvssVector? best = null;
        (double Score, int Rank)? bare = null;
        FindingSeverity? word = null;
        foreach (var (advisory, affected) in members)
        {
            foreach (var entry in advisory.Severity.Concat(affected.Severity))
            {
                if (Parse(entry.Score) is { } vector)
                {
                    if (best is null || Rank(vector) > Rank(best) || (Rank(vector) == Rank(best) && vector.BaseScore > best.BaseScore))
                    {
                        best = vector;
                    }
                }
                else if (entry.BaseScore is { } score and >= 0 and <= 10)
                {
                    var rank = entry.Type == AdvisorySeverity.CvssV2 ? 0 : 1;
                    if (bare is null || rank > bare.Value.Rank || (rank == bare.Value.Rank && score > bare.Value.Score))
                    {
                        bare = (score, rank);
                    }
                }
            }

            if (FindingSeverities.FromWord(advisory.DatabaseSeverity) is { } fromWord && (word is null || fromWord > word))
            {
                word = fromWord;
            }
        }

        if (best is not null)
        {
            return new ResolvedSeverity(FromCvss(best.BaseScore), best.BaseScore, best.ToString(), Prefix(best.Version));
        }

        if (bare is { } b)
        {
            return new ResolvedSeverity(b.Rank == 0 ? FromV2Score(b.Score) : FromCvss(b.Score), b.Score, null, "score");
        }

        return word is { } w ? new ResolvedSeverity(w, null, null, "source") : ResolvedSeverity.Unknown;
    }

    // Vectors repeat across findings and re-matches; scoring a v4.0 vector is the costly part of rating.
    private static CvssVector? Parse(string text)
    {
        if (Vectors.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var vector = CvssVector.TryParse(text, out var parsed, out _) ? parsed : null;
        if (Vectors.Count >= VectorCacheLimit)
        {
            Vectors.Clear();
        }

        Vectors[text] = vector;
        return vector;
    }

    private static int Rank(CvssVector vector) => vector.Version switch
    {
        CvssVersion.V40 => 3,
        CvssVersion.V31 => 2,
        _ => 1,
    };

    private static string Prefix(CvssVersion version) => version switch
    {
        CvssVersion.V40 => "CVSS:4.0",
        CvssVersion.V31 => "CVSS:3.1",
        _ => "CVSS:3.0",
    };

    // CvssSeverity is FindingSeverity without Unknown, in the same order.
    private static FindingSeverity FromCvss(double score) => (FindingSeverity)((int)CvssRating.FromScore(score) + 1);

    // CVSS v2 has no Critical and no None: Low 0.0-3.9, Medium 4.0-6.9, High 7.0-10.0.
    private static FindingSeverity FromV2Score(double score) => score switch
    {
        < 4 => FindingSeverity.Low,
        < 7 => FindingSeverity.Medium,
        _ => FindingSeverity.High,
    };
}
