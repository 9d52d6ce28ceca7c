using System.Text.Json;
using Berth.Scanning.Advisories.Matching;

namespace Berth.Scanning.Advisories.Formats;

/// <summary>
/// ruby-advisory-db YAML (<c>gems/&lt;gem&gt;/&lt;id&gt;.yml</c>, <c>rubies/&lt;engine&gt;/&lt;id&gt;.yml</c>).
/// </summary>
/// <remarks>
/// Id = the file name without extension (<c>CVE-2023-50725</c>, <c>OSVDB-108575</c>, <c>GHSA-…</c>), source
/// <c>RUBYSEC</c>; <c>cve</c>/<c>ghsa</c>/<c>osvdb</c> become aliases. A gem is ecosystem <c>RubyGems</c>; an
/// interpreter (<c>engine: ruby|jruby|mruby…</c>) is ecosystem <c>Ruby</c> with the engine as the name.
/// Affected versions stay RubyGems requirement strings in <see cref="VersionConstraints"/> (affected = NOT any
/// <c>patched_versions</c> AND NOT any <c>unaffected_versions</c>; neither list means every version), evaluated
/// at match time with the RubyGems comparer — converting them to OSV events would need that ordering at import.
/// Every requirement must parse, else the file is malformed. <c>cvss_v2/v3/v4</c> are base scores only.
/// </remarks>
public sealed class RubySecFormat : IAdvisoryFormat
{
    public string Name => "rubysec";

    public bool CanRead(AdvisoryDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.IsYaml && document.Root.ValueKind == JsonValueKind.Object
            && (Json.Has(document.Root, "gem") || Json.Has(document.Root, "engine"))
            && (Json.Has(document.Root, "url") || Json.Has(document.Root, "patched_versions") || Json.Has(document.Root, "title"));
    }

    public IEnumerable<Advisory> Read(AdvisoryDocument document, ReadContext context)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        var root = document.Root;
        var id = Path.GetFileNameWithoutExtension(document.Name);
        var what = $"rubysec {id}";
        var gem = Json.Text(root, "gem");
        var (ecosystem, name) = gem is { Length: > 0 } ? ("RubyGems", gem) : ("Ruby", Json.Required(root, "engine", what));
        var constraints = new VersionConstraints
        {
            Syntax = ConstraintSyntax.RubyGems,
            Patched = Requirements(root, "patched_versions", what),
            Unaffected = Requirements(root, "unaffected_versions", what),
        };
        var platform = Json.Text(root, "platform");
        var references = new List<AdvisoryReference>();
        if (Json.Text(root, "url") is { Length: > 0 } url)
        {
            references.Add(new AdvisoryReference("ADVISORY", url));
        }

        if (Json.Object(root, "related") is { } related)
        {
            references.AddRange(Json.Texts(related, "url", what).Select(u => new AdvisoryReference("WEB", u)));
        }

        yield return new Advisory
        {
            Id = id,
            Source = "RUBYSEC",
            Aliases = Aliases(root).Where(a => a != id).Distinct().ToArray(),
            Summary = Json.Text(root, "title")?.Trim(),
            Details = context.Details(Json.Text(root, "description")),
            Published = Json.Date(root, "date", what),
            Severity = Scores(root).ToArray(),
            Affected =
            [
                new AffectedPackage
                {
                    Ecosystem = ecosystem,
                    Name = name,
                    Constraints = constraints,
                    Attributes = platform is null ? null : new SortedDictionary<string, string>(StringComparer.Ordinal) { ["platform"] = platform },
                },
            ],
            References = references.Distinct().ToArray(),
        };
    }

    private static string[] Requirements(JsonElement root, string name, string what)
    {
        var requirements = Json.Texts(root, name, what);
        foreach (var requirement in requirements)
        {
            if (ConstraintEvaluator.Parse(ConstraintSyntax.RubyGems, requirement) is null)
            {
                throw new AdvisoryFormatException($"{what}: '{requirement}' in {name} is not a RubyGems requirement");
            }
        }

        return requirements;
    }

    private static IEnumerable<string> Aliases(JsonElement root)
    {
        if (Json.Text(root, "cve") is { Length: > 0 } cve)
        {
            yield return "CVE-" + cve.Trim();
        }

        if (Json.Text(root, "ghsa") is { Length: > 0 } ghsa)
        {
            yield return "GHSA-" + ghsa.Trim();
        }

        if (Json.Text(root, "osvdb") is { Length: > 0 } osvdb)
        {
            yield return "OSVDB-" + osvdb.Trim();
        }
    }

    private static IEnumerable<AdvisorySeverity> Scores(JsonElement root)
    {
        foreach (var (key, type) in new[] { ("cvss_v4", AdvisorySeverity.CvssV4), ("cvss_v3", AdvisorySeverity.CvssV3), ("cvss_v2", AdvisorySeverity.CvssV2) })
        {
            if (Json.Text(root, key) is { Length: > 0 } score)
            {
                yield return new AdvisorySeverity(type, score.Trim());
            }
        }
    }
}
