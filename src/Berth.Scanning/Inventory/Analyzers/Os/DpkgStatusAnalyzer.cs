namespace Berth.Scanning.Inventory.Analyzers.Os;

/// <summary>
/// Debian packages from <c>var/lib/dpkg/status</c> (only <c>Status: … installed</c>) and distroless
/// <c>var/lib/dpkg/status.d/*</c> files (which carry no Status field). The source package comes from
/// <c>Source: name (version)</c>; without it the source is the binary package itself.
/// </summary>
public sealed class DpkgStatusAnalyzer : IPackageAnalyzer
{
    private const string StatusPath = "var/lib/dpkg/status";
    private const string StatusDirectory = "var/lib/dpkg/status.d/";

    public string Id => "dpkg/1";

    public bool Wants(LayerFile file) =>
        file.Path == StatusPath
        || (file.Path.StartsWith(StatusDirectory, StringComparison.Ordinal)
            && file.Path.IndexOf('/', StatusDirectory.Length) < 0
            && !file.Path.EndsWith(".md5sums", StringComparison.Ordinal));

    public void Analyze(LayerFile file, Stream content, FileFindings findings)
    {
        var statusRequired = file.Path == StatusPath;
        foreach (var p in Deb822.Paragraphs(content))
        {
            if (!p.TryGetValue("Package", out var name) || !p.TryGetValue("Version", out var version)
                || name.Length == 0 || version.Length == 0)
            {
                continue;
            }

            if (p.TryGetValue("Status", out var status) ? !IsInstalled(status) : statusRequired)
            {
                continue;
            }

            var (sourceName, sourceVersion) = ParseSource(p.GetValueOrDefault("Source"), name, version);
            findings.Packages.Add(new FoundPackage(PackageKind.Deb, name, version)
            {
                Arch = p.GetValueOrDefault("Architecture"),
                SourceName = sourceName,
                SourceVersion = sourceVersion,
            });
        }
    }

    // "install ok installed": the third word is the package state; half-installed or config-files are not installed.
    private static bool IsInstalled(string status)
    {
        var words = status.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 3 && words[2] == "installed";
    }

    /// <summary><c>glibc (2.36-9)</c> → (glibc, 2.36-9); <c>glibc</c> → (glibc, binary version); none → the binary.</summary>
    internal static (string Name, string Version) ParseSource(string? source, string name, string version)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return (name, version);
        }

        var open = source.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return (source.Trim(), version);
        }

        var close = source.IndexOf(')', open);
        var sourceVersion = close > open ? source[(open + 1)..close].Trim() : version;
        return (source[..open].Trim(), sourceVersion.Length == 0 ? version : sourceVersion);
    }
}
