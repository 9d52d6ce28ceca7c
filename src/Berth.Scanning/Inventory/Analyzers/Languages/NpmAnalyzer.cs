using System.Text.Json;

namespace Berth.Scanning.Inventory.Analyzers.Languages;

/// <summary>
/// npm packages from installed <c>node_modules/[@scope/]name/package.json</c> files and from
/// <c>package-lock.json</c> (v2/v3 <c>packages</c>, v1 <c>dependencies</c>; also npm's hidden
/// <c>node_modules/.package-lock.json</c>). Linked workspace entries are not packages.
/// </summary>
public sealed class NpmAnalyzer : IPackageAnalyzer
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public string Id => "npm/1";

    public bool Wants(LayerFile file) =>
        file.FileName is "package-lock.json" or ".package-lock.json" || IsInstalledManifest(file.Path);

    public void Analyze(LayerFile file, Stream content, FileFindings findings)
    {
        using var doc = JsonDocument.Parse(content, Options);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (file.FileName == "package.json")
        {
            if (Text(root, "name") is { Length: > 0 } name && Text(root, "version") is { Length: > 0 } version)
            {
                findings.Packages.Add(new FoundPackage(PackageKind.Npm, name, version));
            }

            return;
        }

        if (root.TryGetProperty("packages", out var packages) && packages.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in packages.EnumerateObject())
            {
                AddLockEntry(entry.Name, entry.Value, findings);
            }
        }
        else if (root.TryGetProperty("dependencies", out var dependencies))
        {
            AddV1(dependencies, findings, depth: 0);
        }
    }

    // node_modules/a/package.json or node_modules/@s/a/package.json; not files deeper inside a package.
    private static bool IsInstalledManifest(string path)
    {
        if (!path.EndsWith("/package.json", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = path.Split('/');
        var n = parts.Length;
        return (n >= 3 && parts[n - 3] == "node_modules" && !parts[n - 2].StartsWith('@'))
            || (n >= 4 && parts[n - 4] == "node_modules" && parts[n - 3].StartsWith('@'));
    }

    private static void AddLockEntry(string key, JsonElement value, FileFindings findings)
    {
        var at = key.LastIndexOf("node_modules/", StringComparison.Ordinal);
        if (at < 0 || value.ValueKind != JsonValueKind.Object
            || (value.TryGetProperty("link", out var link) && link.ValueKind == JsonValueKind.True))
        {
            return;
        }

        var name = Text(value, "name") ?? key[(at + "node_modules/".Length)..];
        if (Text(value, "version") is { Length: > 0 } version && name.Length > 0)
        {
            findings.Packages.Add(new FoundPackage(PackageKind.Npm, name, version));
        }
    }

    private static void AddV1(JsonElement dependencies, FileFindings findings, int depth)
    {
        if (dependencies.ValueKind != JsonValueKind.Object || depth > 64)
        {
            return;
        }

        foreach (var dep in dependencies.EnumerateObject())
        {
            if (dep.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var version = Text(dep.Value, "version");
            if (version is { Length: > 0 } && !version.StartsWith("file:", StringComparison.Ordinal))
            {
                findings.Packages.Add(new FoundPackage(PackageKind.Npm, dep.Name, version));
            }

            if (dep.Value.TryGetProperty("dependencies", out var nested))
            {
                AddV1(nested, findings, depth + 1);
            }
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
