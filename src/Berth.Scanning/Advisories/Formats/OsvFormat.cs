using System.Text.Json;

namespace Berth.Scanning.Advisories.Formats;

/// <summary>
/// OSV entries (schema 1.x) in JSON or YAML: one entry per file, as the Go, PyPA, RustSec, GHSA and AlmaLinux
/// databases and osv.dev's exports ship them.
/// </summary>
/// <remarks>
/// Source = the id's database prefix (<c>GHSA-…</c> → <c>GHSA</c>). AlmaLinux's bug-fix (<c>ALBA</c>) and
/// enhancement (<c>ALEA</c>) errata are skipped: they fix no vulnerability. Severity words: GHSA's
/// <c>database_specific.severity</c>, else an <c>ecosystem_specific.severity</c>, else for Red Hat style errata
/// (ALSA, RLSA, RHSA) the summary prefix (<c>Important: openssl security update</c> → <c>Important</c>).
/// Affected entries without a package (GIT-only OSS-Fuzz style) cannot be looked up and are skipped.
/// </remarks>
public sealed class OsvFormat : IAdvisoryFormat
{
    private static readonly string[] SeverityWords = ["Critical", "Important", "Moderate", "Low"];

    public string Name => "osv";

    public bool CanRead(AdvisoryDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!document.IsJson && !document.IsYaml)
        {
            return false;
        }

        var root = document.Root;
        return root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            && !Json.Has(root, "module_name")
            && (Json.Has(root, "affected") || Json.Has(root, "modified") || Json.Has(root, "schema_version"));
    }

    public IEnumerable<Advisory> Read(AdvisoryDocument document, ReadContext context)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        var root = document.Root;
        var id = Json.Required(root, "id", "OSV entry");
        if (id.StartsWith("ALBA-", StringComparison.Ordinal) || id.StartsWith("ALEA-", StringComparison.Ordinal))
        {
            context.Skip("AlmaLinux bug-fix and enhancement errata");
            return [];
        }

        return [Parse(root, id, context)];
    }

    /// <summary>Reads one OSV entry object (also used for archives that hold several entries in one file).</summary>
    public static Advisory Parse(JsonElement root, string id, ReadContext context)
    {
        var what = $"OSV entry {id}";
        var summary = Json.Text(root, "summary")?.Trim();
        var affected = Json.Items(root, "affected", what).Select(a => Affected(a, what, context)).OfType<AffectedPackage>().ToArray();
        return new Advisory
        {
            Id = id,
            Source = SourceOf(id),
            Aliases = Json.Texts(root, "aliases", what).Where(a => a != id).Distinct().ToArray(),
            Related = Json.Texts(root, "related", what).Distinct().ToArray(),
            Summary = string.IsNullOrEmpty(summary) ? null : summary,
            Details = context.Details(Json.Text(root, "details")),
            Published = Json.Date(root, "published", what),
            Modified = Json.Date(root, "modified", what),
            Withdrawn = Json.Date(root, "withdrawn", what),
            Severity = Severities(root, what),
            DatabaseSeverity = DatabaseSeverity(root, id, summary),
            Affected = affected,
            References = Json.Items(root, "references", what)
                .Where(r => Json.Text(r, "url") is { Length: > 0 })
                .Select(r => new AdvisoryReference(Json.Text(r, "type") ?? "WEB", Json.Text(r, "url")!))
                .Distinct()
                .ToArray(),
        };
    }

    /// <summary><c>GHSA-xxxx</c> → <c>GHSA</c>; an id without a dash → <c>OSV</c>.</summary>
    public static string SourceOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? id[..dash].ToUpperInvariant() : "OSV";
    }

    private static AffectedPackage? Affected(JsonElement entry, string what, ReadContext context)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new AdvisoryFormatException($"{what}: an 'affected' item is not an object");
        }

        if (Json.Object(entry, "package") is not { } package)
        {
            context.Skip("OSV affected entries without a package");
            return null;
        }

        return new AffectedPackage
        {
            Ecosystem = Json.Required(package, "ecosystem", what),
            Name = Json.Required(package, "name", what),
            Ranges = Json.Items(entry, "ranges", what).Select(r => Range(r, what)).ToArray(),
            Versions = Json.Texts(entry, "versions", what),
            Severity = Severities(entry, what),
        };
    }

    private static AffectedRange Range(JsonElement range, string what)
    {
        var type = Json.Required(range, "type", what + " range");
        var events = Json.Items(range, "events", what).Select(e => Event(e, what)).ToArray();
        return new AffectedRange { Type = type, Repo = Json.Text(range, "repo"), Events = events };
    }

    private static RangeEvent Event(JsonElement evt, string what)
    {
        if (Json.Text(evt, "introduced") is { } introduced)
        {
            return RangeEvent.Introduced(introduced);
        }

        if (Json.Text(evt, "fixed") is { } fixedVersion)
        {
            return RangeEvent.Fixed(fixedVersion);
        }

        if (Json.Text(evt, "last_affected") is { } lastAffected)
        {
            return RangeEvent.LastAffected(lastAffected);
        }

        return Json.Text(evt, "limit") is { } limit
            ? RangeEvent.Limit(limit)
            : throw new AdvisoryFormatException($"{what}: a range event has none of introduced, fixed, last_affected, limit");
    }

    private static AdvisorySeverity[] Severities(JsonElement obj, string what) =>
        Json.Items(obj, "severity", what)
            .Where(s => Json.Text(s, "type") is { Length: > 0 } && Json.Text(s, "score") is { Length: > 0 })
            .Select(s => new AdvisorySeverity(Json.Text(s, "type")!, Json.Text(s, "score")!.Trim()))
            .Distinct()
            .ToArray();

    private static string? DatabaseSeverity(JsonElement root, string id, string? summary)
    {
        if (Json.Object(root, "database_specific") is { } database && Json.Text(database, "severity") is { Length: > 0 } word)
        {
            return word;
        }

        foreach (var affected in Json.Items(root, "affected", id))
        {
            if (Json.Object(affected, "ecosystem_specific") is { } specific && Json.Text(specific, "severity") is { Length: > 0 } level)
            {
                return level;
            }
        }

        if (summary is not null && (id.StartsWith("ALSA-", StringComparison.Ordinal) || id.StartsWith("RLSA-", StringComparison.Ordinal)
            || id.StartsWith("RHSA-", StringComparison.Ordinal)))
        {
            var colon = summary.IndexOf(':', StringComparison.Ordinal);
            var prefix = colon > 0 ? summary[..colon] : null;
            return SeverityWords.FirstOrDefault(w => w == prefix);
        }

        return null;
    }
}
