using System.Text;

namespace Berth.Scanning.Inventory.Analyzers.Languages;

/// <summary>
/// Installed Python distributions: <c>*.dist-info/METADATA</c> (wheels, pip) and
/// <c>*.egg-info/PKG-INFO</c> or an <c>*.egg-info</c> file (setuptools); <c>Name:</c> and
/// <c>Version:</c> headers. The purl and ecosystem name use the PEP 503 normalised name.
/// </summary>
public sealed class PythonAnalyzer : IPackageAnalyzer
{
    public string Id => "python/1";

    public bool Wants(LayerFile file) =>
        file.Path.EndsWith(".dist-info/METADATA", StringComparison.Ordinal)
        || file.Path.EndsWith(".egg-info/PKG-INFO", StringComparison.Ordinal)
        || file.Path.EndsWith(".egg-info", StringComparison.Ordinal);

    public void Analyze(LayerFile file, Stream content, FileFindings findings)
    {
        using var reader = new StreamReader(content, Encoding.UTF8, false, leaveOpen: true);
        string? name = null;
        string? version = null;
        // The headers end at the first blank line; the description body follows.
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            if (line.StartsWith("Name:", StringComparison.OrdinalIgnoreCase))
            {
                name ??= line[5..].Trim();
            }
            else if (line.StartsWith("Version:", StringComparison.OrdinalIgnoreCase))
            {
                version ??= line[8..].Trim();
            }
        }

        if (name is { Length: > 0 } && version is { Length: > 0 })
        {
            findings.Packages.Add(new FoundPackage(PackageKind.PyPI, name, version));
        }
    }

    /// <summary>PEP 503: lower case, every run of <c>-</c>, <c>_</c> and <c>.</c> becomes one <c>-</c>.</summary>
    public static string Normalize(string name)
    {
        var sb = new StringBuilder(name.Length);
        var inRun = false;
        foreach (var c in name)
        {
            if (c is '-' or '_' or '.')
            {
                if (!inRun)
                {
                    sb.Append('-');
                }

                inRun = true;
                continue;
            }

            inRun = false;
            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
