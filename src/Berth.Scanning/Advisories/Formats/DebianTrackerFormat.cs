using System.Globalization;
using System.Text.RegularExpressions;
using Berth.Scanning.Advisories.Matching;

namespace Berth.Scanning.Advisories.Formats;

/// <summary>
/// Debian security tracker advisory lists (<c>data/DSA/list</c>, <c>data/DLA/list</c>, <c>data/DTSA/list</c>):
/// one advisory per <c>[date] DSA-n-m source-package… - title</c> header, its CVEs in <c>{…}</c>, and one
/// <c>[codename] - source-package state</c> line per Debian release.
/// </summary>
/// <remarks>
/// Keys: the Debian <b>source</b> package named on each release line (it can differ from the header's) and
/// <c>Debian:N</c> from the codename (<see cref="DistroEcosystems.DebianFromCodename"/>). States:
/// <list type="bullet">
/// <item>a version: fixed there — ECOSYSTEM range <c>introduced 0, fixed version</c> (several lines for one
/// package and release add fixed events, so versions below the lowest are affected);</item>
/// <item><c>&lt;not-affected&gt;</c>: that release never had the flaw — no affected entry (counted as skipped);</item>
/// <item><c>&lt;unfixed&gt;</c>, <c>&lt;end-of-life&gt;</c> (and any other <c>&lt;…&gt;</c>): affected with no fix
/// in that release — range <c>introduced 0</c> only, state kept in attribute <c>status</c>.</item>
/// </list>
/// A word low/medium/high in a line's parenthesised note (DTSA) becomes the advisory's severity.
/// Source = the id prefix (DSA, DLA, DTSA). Any line that is none of header, CVE list, release line, NOTE or
/// blank makes the file malformed.
/// </remarks>
public sealed partial class DebianTrackerFormat : IAdvisoryFormat
{
    private static readonly string[] DateFormats = ["d MMM yyyy", "MMMM d, yyyy", "MMM d, yyyy", "MMMM d yyyy"];

    public string Name => "debian-tracker";

    public bool CanRead(AdvisoryDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Name != "list")
        {
            return false;
        }

        using var reader = new StreamReader(document.Open());
        string? line;
        while ((line = reader.ReadLine()) is not null && line.Trim().Length == 0)
        {
        }

        return line is not null && Header().IsMatch(line);
    }

    public IEnumerable<Advisory> Read(AdvisoryDocument document, ReadContext context)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new StreamReader(document.Open());
        Builder? current = null;
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (Header().Match(line) is { Success: true } header)
            {
                if (current is not null)
                {
                    yield return current.Build();
                }

                current = new Builder(header, ParseDate(header.Groups["date"].Value));
                continue;
            }

            if (line.Trim().Length == 0 || NoteLine().IsMatch(line))
            {
                continue;
            }

            if (current is null)
            {
                throw new AdvisoryFormatException($"line {number}: text before the first advisory header");
            }

            if (CveLine().Match(line) is { Success: true } cves)
            {
                current.Aliases.UnionWith(cves.Groups["ids"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
            else if (ReleaseLine().Match(line) is { Success: true } release)
            {
                current.AddRelease(release, context);
            }
            else
            {
                throw new AdvisoryFormatException($"line {number}: not a Debian tracker line: '{line.Trim()}'");
            }
        }

        if (current is not null)
        {
            yield return current.Build();
        }
    }

    private static DateTimeOffset? ParseDate(string text)
    {
        var cleaned = Ordinal().Replace(text.Trim(), "$1");
        return DateTime.TryParseExact(cleaned, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date)
            ? new DateTimeOffset(date, TimeSpan.Zero)
            : null;
    }

    private sealed class Builder(Match header, DateTimeOffset? published)
    {
        private readonly string id = header.Groups["id"].Value;
        private readonly List<(string Ecosystem, string Package, string? Fixed, string? Status)> lines = [];
        private string? severity;

        public SortedSet<string> Aliases { get; } = new(StringComparer.Ordinal);

        public void AddRelease(Match release, ReadContext context)
        {
            var ecosystem = DistroEcosystems.DebianFromCodename(release.Groups["release"].Value);
            var package = release.Groups["package"].Value;
            var state = release.Groups["state"].Value.Trim();
            var note = state.Contains(' ', StringComparison.Ordinal) ? state[state.IndexOf(' ', StringComparison.Ordinal)..] : string.Empty;
            if (Urgency().Match(note) is { Success: true } urgency)
            {
                severity ??= urgency.Value.ToLowerInvariant();
            }

            if (state.StartsWith('<'))
            {
                var status = state[1..state.IndexOf('>', StringComparison.Ordinal)];
                if (status == "not-affected")
                {
                    context.Skip("Debian <not-affected> release lines");
                    return;
                }

                lines.Add((ecosystem, package, null, status));
                return;
            }

            lines.Add((ecosystem, package, state.Split(' ', 2)[0], null));
        }

        public Advisory Build()
        {
            var affected = lines
                .GroupBy(l => (l.Ecosystem, l.Package))
                .Select(g => new AffectedPackage
                {
                    Ecosystem = g.Key.Ecosystem,
                    Name = g.Key.Package,
                    Ranges =
                    [
                        new AffectedRange
                        {
                            Type = RangeTypes.Ecosystem,
                            Events = [RangeEvent.Introduced("0"), .. g.Where(l => l.Fixed is not null).Select(l => RangeEvent.Fixed(l.Fixed!))],
                        },
                    ],
                    Attributes = g.FirstOrDefault(l => l.Status is not null).Status is { } status
                        ? new SortedDictionary<string, string>(StringComparer.Ordinal) { ["status"] = status }
                        : null,
                })
                .ToArray();
            var packages = header.Groups["packages"].Value;
            var title = header.Groups["title"].Success ? $"{packages} - {header.Groups["title"].Value}" : packages;
            return new Advisory
            {
                Id = id,
                Source = id[..id.IndexOf('-', StringComparison.Ordinal)],
                Aliases = Aliases.Where(a => a != id).ToArray(),
                Summary = title.Length > 0 ? title : null,
                Published = published,
                DatabaseSeverity = severity,
                Affected = affected,
                References = [new AdvisoryReference("ADVISORY", "https://security-tracker.debian.org/tracker/" + id)],
            };
        }
    }

    [GeneratedRegex(@"^\[(?<date>[^\]]+)\]\s+(?<id>[A-Z]+-[0-9][0-9-]*)(?:\s+(?<packages>.*?))?(?:\s+-+\s+(?<title>.*?))?\s*$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^\s+\{(?<ids>[^}]*)\}\s*$")]
    private static partial Regex CveLine();

    [GeneratedRegex(@"^\s+\[(?<release>[a-z0-9-]+)\]\s+-\s+(?<package>\S+)\s+(?<state>\S.*)$")]
    private static partial Regex ReleaseLine();

    [GeneratedRegex(@"^\s+NOTE:")]
    private static partial Regex NoteLine();

    [GeneratedRegex(@"\b(low|medium|high)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Urgency();

    [GeneratedRegex(@"(\d+)(st|nd|rd|th)\b")]
    private static partial Regex Ordinal();
}
