using System.Text.Json;
using System.Text.RegularExpressions;

namespace Berth.Scanning.Advisories.Formats;

/// <summary>
/// Alpine secdb files (<c>v3.11/main.yaml</c>, and the same structure as JSON from secdb.alpinelinux.org):
/// <c>distroversion</c>, <c>reponame</c>, <c>packages[].pkg.name</c> (the <b>origin</b> package) and
/// <c>secfixes</c>, a map from the version that fixed something to the identifiers it fixed.
/// </summary>
/// <remarks>
/// One advisory per identifier, <c>ALPINE-&lt;id&gt;</c> (as osv.dev names them), source <c>ALPINE</c>, with one
/// affected entry per origin package in ecosystem <c>Alpine:vX.Y</c>: ECOSYSTEM range <c>introduced 0</c> plus
/// a <c>fixed</c> event per version listing it (affected below the lowest). The repository goes to attribute
/// <c>repo</c>. The same identifier in other branch files is merged by the import run.
/// Secdb's version <c>0</c> means "this package in this branch was never affected" (it whitelists an issue):
/// such entries are skipped and counted. Identifier entries are read leniently (<see cref="Identifiers"/>):
/// the first id-shaped word is the id, further ones (<c>XSA-182</c>, <c>TALOS-2019-0844</c>) become aliases,
/// other text is dropped; an entry with no id at all is skipped and counted.
/// </remarks>
public sealed partial class AlpineSecdbFormat : IAdvisoryFormat
{
    public string Name => "alpine-secdb";

    public bool CanRead(AdvisoryDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return (document.IsYaml || document.IsJson) && document.Root.ValueKind == JsonValueKind.Object
            && Json.Has(document.Root, "distroversion") && Json.Has(document.Root, "packages");
    }

    public IEnumerable<Advisory> Read(AdvisoryDocument document, ReadContext context)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        var root = document.Root;
        const string what = "Alpine secdb";
        var branch = Json.Required(root, "distroversion", what).Trim();
        var ecosystem = "Alpine:" + (branch.StartsWith('v') ? branch : "v" + branch);
        var repo = Json.Text(root, "reponame");
        var byId = new SortedDictionary<string, (SortedSet<string> Aliases, SortedDictionary<string, List<string>> Fixes)>(StringComparer.Ordinal);
        foreach (var item in Json.Items(root, "packages", what))
        {
            var pkg = Json.Object(item, "pkg") ?? throw new AdvisoryFormatException($"{what}: a packages item has no 'pkg'");
            var name = Json.Required(pkg, "name", what + " package");
            if (Json.Object(pkg, "secfixes") is not { } secfixes)
            {
                continue;
            }

            foreach (var fix in secfixes.EnumerateObject())
            {
                foreach (var entry in Json.Texts(secfixes, fix.Name, $"{what} {name} {fix.Name}"))
                {
                    AddEntry(byId, context, name, fix.Name.Trim(), entry);
                }
            }
        }

        foreach (var (id, (aliases, fixes)) in byId)
        {
            yield return new Advisory
            {
                Id = "ALPINE-" + id,
                Source = "ALPINE",
                Aliases = [id, .. aliases.Where(a => a != id)],
                Affected = fixes.Select(f => new AffectedPackage
                {
                    Ecosystem = ecosystem,
                    Name = f.Key,
                    Ranges =
                    [
                        new AffectedRange
                        {
                            Type = RangeTypes.Ecosystem,
                            Events = [RangeEvent.Introduced("0"), .. f.Value.Distinct().Select(RangeEvent.Fixed)],
                        },
                    ],
                    Attributes = repo is null ? null : new SortedDictionary<string, string>(StringComparer.Ordinal) { ["repo"] = repo },
                }).ToArray(),
            };
        }
    }

    private static void AddEntry(
        SortedDictionary<string, (SortedSet<string> Aliases, SortedDictionary<string, List<string>> Fixes)> byId,
        ReadContext context,
        string package,
        string version,
        string entry)
    {
        var ids = Identifiers(entry);
        if (ids.Count == 0)
        {
            context.Skip("Alpine secfixes entries without an identifier");
            return;
        }

        var id = ids[0];
        if (version == "0")
        {
            context.Skip("Alpine secfixes \"0\" (not affected) entries");
            return;
        }

        if (!byId.TryGetValue(id, out var advisory))
        {
            advisory = (new SortedSet<string>(StringComparer.Ordinal), new SortedDictionary<string, List<string>>(StringComparer.Ordinal));
            byId[id] = advisory;
        }

        advisory.Aliases.UnionWith(ids.Skip(1));
        if (!advisory.Fixes.TryGetValue(package, out var versions))
        {
            versions = [];
            advisory.Fixes[package] = versions;
        }

        versions.Add(version);
    }

    /// <summary>
    /// The id-shaped words of a secfixes entry, first the one the entry is about. Upstream typos are read
    /// as meant: <c>CVE_2019-2426</c> and <c>CVE 2018-16859</c> are CVE ids, a <c>.patch</c> suffix is dropped,
    /// <c>wnpa-sec-2017-18</c> becomes <c>WNPA-SEC-2017-18</c>; placeholders such as <c>CVE-????-?????</c> are not ids.
    /// </summary>
    public static IReadOnlyList<string> Identifiers(string entry)
    {
        var text = CveTypo().Replace(entry, "CVE-");
        var ids = new List<string>();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var candidate = word.TrimEnd(',', ';', ')', ':');
            candidate = candidate.EndsWith(".patch", StringComparison.OrdinalIgnoreCase) ? candidate[..^6] : candidate;
            candidate = candidate.ToUpperInvariant();
            if (Identifier().IsMatch(candidate) && !ids.Contains(candidate))
            {
                ids.Add(candidate);
            }
        }

        return ids;
    }

    [GeneratedRegex(@"^[A-Z][A-Z0-9]*(-[A-Z]+)*-[0-9][0-9A-Za-z-]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\bCVE[_ ](?=[0-9])")]
    private static partial Regex CveTypo();
}
