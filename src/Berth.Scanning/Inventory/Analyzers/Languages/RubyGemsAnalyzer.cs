using System.Text;
using System.Text.RegularExpressions;

namespace Berth.Scanning.Inventory.Analyzers.Languages;

/// <summary>
/// Installed gems from <c>specifications/*.gemspec</c> (the Ruby stubs RubyGems writes at install):
/// <c>s.name = "rake".freeze</c> and <c>s.version = "13.0.6"</c>; the file name is the fallback.
/// </summary>
public sealed partial class RubyGemsAnalyzer : IPackageAnalyzer
{
    public string Id => "gem/1";

    public bool Wants(LayerFile file) =>
        file.Path.EndsWith(".gemspec", StringComparison.Ordinal)
        && (file.Path.StartsWith("specifications/", StringComparison.Ordinal)
            || file.Path.Contains("/specifications/", StringComparison.Ordinal));

    public void Analyze(LayerFile file, Stream content, FileFindings findings)
    {
        using var reader = new StreamReader(content, Encoding.UTF8, false, leaveOpen: true);
        var text = reader.ReadToEnd();
        var name = NameRegex().Match(text) is { Success: true } n ? n.Groups[1].Value : null;
        var version = VersionRegex().Match(text) is { Success: true } v ? v.Groups[1].Value : null;
        if (name is null || version is null)
        {
            (name, version) = FromFileName(file.FileName[..^".gemspec".Length]);
        }

        if (name is { Length: > 0 } && version is { Length: > 0 })
        {
            findings.Packages.Add(new FoundPackage(PackageKind.Gem, name, version));
        }
    }

    // "net-http-0.4.1" → (net-http, 0.4.1): the version starts after the last dash followed by a digit.
    private static (string?, string?) FromFileName(string stem)
    {
        for (var i = stem.Length - 2; i > 0; i--)
        {
            if (stem[i] == '-' && char.IsAsciiDigit(stem[i + 1]))
            {
                return (stem[..i], stem[(i + 1)..]);
            }
        }

        return (null, null);
    }

    [GeneratedRegex("""^\s*\w+\.name\s*=\s*["']([^"']+)["']""", RegexOptions.Multiline)]
    private static partial Regex NameRegex();

    [GeneratedRegex("""^\s*\w+\.version\s*=\s*(?:Gem::Version\.new\()?\s*["']([^"']+)["']""", RegexOptions.Multiline)]
    private static partial Regex VersionRegex();
}
