using System.Text.Json;
using Berth.Scanning.Advisories.Matching;

namespace Berth.Scanning.Advisories.Formats;

/// <summary>
/// The legacy Node Security Platform data kept by nodejs/security-wg: <c>vuln/npm/&lt;n&gt;.json</c> (third-party
/// modules), <c>vuln/core/&lt;n&gt;.json</c> (Node.js itself) and each folder's <c>index.json</c> (all entries by
/// id; its entries merge with the per-file copies of the same id).
/// </summary>
/// <remarks>
/// Ids follow the working group's naming: <c>NSWG-ECO-&lt;id&gt;</c> for modules (ecosystem <c>npm</c>, name
/// <c>module_name</c>) and <c>NSWG-COR-&lt;n&gt;</c> for core (ecosystem <c>Node.js</c>, name <c>node</c>);
/// source <c>NSWG</c>. <c>vulnerable_versions</c> and <c>patched_versions</c> stay node-semver ranges in
/// <see cref="VersionConstraints"/> (affected = in vulnerable AND NOT in patched), evaluated at match time with
/// the SemVer comparer; every range must parse, else the file is malformed.
/// </remarks>
public sealed class NodeSecurityFormat : IAdvisoryFormat
{
    public string Name => "nodejs-security-wg";

    public bool CanRead(AdvisoryDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!document.IsJson || document.Root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var root = document.Root;
        if (IsModule(root) || IsCore(root))
        {
            return true;
        }

        // index.json: every property is an entry keyed by its id.
        using var properties = root.EnumerateObject();
        return properties.MoveNext() && (IsModule(properties.Current.Value) || IsCore(properties.Current.Value));
    }

    public IEnumerable<Advisory> Read(AdvisoryDocument document, ReadContext context)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        var root = document.Root;
        var stem = Path.GetFileNameWithoutExtension(document.Name);
        if (IsModule(root) || IsCore(root))
        {
            return [Entry(root, stem, context)];
        }

        return root.EnumerateObject().Select(p => Entry(p.Value, p.Name, context)).ToArray();
    }

    private static bool IsModule(JsonElement entry) => entry.ValueKind == JsonValueKind.Object && Json.Has(entry, "module_name");

    private static bool IsCore(JsonElement entry) =>
        entry.ValueKind == JsonValueKind.Object && Json.Has(entry, "vulnerable") && (Json.Has(entry, "patched") || Json.Has(entry, "cve"));

    private static Advisory Entry(JsonElement entry, string key, ReadContext context)
    {
        if (IsModule(entry))
        {
            var id = "NSWG-ECO-" + (Json.Text(entry, "id") ?? key);
            var what = "nodejs-security-wg " + id;
            return new Advisory
            {
                Id = id,
                Source = "NSWG",
                Aliases = Json.Texts(entry, "cves", what).Distinct().ToArray(),
                Summary = Json.Text(entry, "title")?.Trim(),
                Details = context.Details(Json.Text(entry, "overview")),
                Published = Json.Date(entry, "publish_date", what) ?? Json.Date(entry, "created_at", what),
                Modified = Json.Date(entry, "updated_at", what),
                Severity = Json.Text(entry, "cvss_vector") is { Length: > 0 } vector
                    ? [new AdvisorySeverity(vector.StartsWith("CVSS:4", StringComparison.Ordinal) ? AdvisorySeverity.CvssV4 : AdvisorySeverity.CvssV3, vector.Trim())]
                    : Json.Text(entry, "cvss_score") is { Length: > 0 } score ? [new AdvisorySeverity(AdvisorySeverity.CvssV3, score)] : [],
                Affected = [Affected("npm", Json.Required(entry, "module_name", what), entry, "vulnerable_versions", "patched_versions", what)],
                References = Json.Texts(entry, "references", what).Select(u => new AdvisoryReference("WEB", u)).Distinct().ToArray(),
            };
        }

        var coreId = "NSWG-COR-" + key;
        var coreWhat = "nodejs-security-wg " + coreId;
        return new Advisory
        {
            Id = coreId,
            Source = "NSWG",
            Aliases = Json.Texts(entry, "cve", coreWhat).Distinct().ToArray(),
            Summary = (Json.Text(entry, "description") ?? Json.Text(entry, "overview"))?.Trim(),
            Details = context.Details(Json.Text(entry, "overview")),
            Published = Json.Date(entry, "publish_date", coreWhat),
            DatabaseSeverity = Json.Text(entry, "severity"),
            Affected = [Affected("Node.js", "node", entry, "vulnerable", "patched", coreWhat)],
            References = Json.Texts(entry, "ref", coreWhat).Select(u => new AdvisoryReference("ADVISORY", u)).ToArray(),
        };
    }

    private static AffectedPackage Affected(string ecosystem, string name, JsonElement entry, string vulnerableKey, string patchedKey, string what)
    {
        var vulnerable = Range(Json.Text(entry, vulnerableKey), vulnerableKey, what);
        var patched = Range(Json.Text(entry, patchedKey), patchedKey, what);
        return new AffectedPackage
        {
            Ecosystem = ecosystem,
            Name = name,
            Constraints = new VersionConstraints
            {
                Syntax = ConstraintSyntax.Npm,
                Vulnerable = vulnerable,
                Patched = patched is null ? [] : [patched],
            },
        };
    }

    private static string? Range(string? text, string key, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var range = text.Trim();
        return ConstraintEvaluator.Parse(ConstraintSyntax.Npm, range) is null
            ? throw new AdvisoryFormatException($"{what}: '{range}' in {key} is not a node-semver range")
            : range;
    }
}
