using System.Text.Json;

namespace Berth.Scanning.Inventory.Analyzers.Languages;

/// <summary>
/// NuGet packages of .NET applications: <c>*.deps.json</c> <c>libraries</c> of type <c>package</c>
/// (the runtime closure actually deployed) and <c>packages.lock.json</c> resolved versions.
/// </summary>
public sealed class NuGetAnalyzer : IPackageAnalyzer
{
    public string Id => "nuget/1";

    public bool Wants(LayerFile file) =>
        file.FileName == "packages.lock.json" || file.Path.EndsWith(".deps.json", StringComparison.Ordinal);

    public void Analyze(LayerFile file, Stream content, FileFindings findings)
    {
        using var doc = JsonDocument.Parse(content, new JsonDocumentOptions { AllowTrailingCommas = true });
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (file.FileName == "packages.lock.json")
        {
            AddLockFile(root, findings);
            return;
        }

        if (!root.TryGetProperty("libraries", out var libraries) || libraries.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var library in libraries.EnumerateObject())
        {
            var slash = library.Name.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || library.Value.ValueKind != JsonValueKind.Object
                || !library.Value.TryGetProperty("type", out var type) || type.GetString() != "package")
            {
                continue;
            }

            findings.Packages.Add(new FoundPackage(PackageKind.NuGet, library.Name[..slash], library.Name[(slash + 1)..]));
        }
    }

    private static void AddLockFile(JsonElement root, FileFindings findings)
    {
        if (!root.TryGetProperty("dependencies", out var frameworks) || frameworks.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var seen = new HashSet<(string, string)>();
        foreach (var framework in frameworks.EnumerateObject())
        {
            if (framework.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var package in framework.Value.EnumerateObject())
            {
                var value = package.Value;
                if (value.ValueKind != JsonValueKind.Object
                    || (value.TryGetProperty("type", out var type) && type.GetString() == "Project")
                    || !value.TryGetProperty("resolved", out var resolved) || resolved.GetString() is not { Length: > 0 } version)
                {
                    continue;
                }

                if (seen.Add((package.Name, version)))
                {
                    findings.Packages.Add(new FoundPackage(PackageKind.NuGet, package.Name, version));
                }
            }
        }
    }
}
