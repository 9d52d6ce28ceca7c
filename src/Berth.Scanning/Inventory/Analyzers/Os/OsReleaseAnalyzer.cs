using System.Text;

namespace Berth.Scanning.Inventory.Analyzers.Os;

/// <summary>
/// The distribution from <c>etc/os-release</c> / <c>usr/lib/os-release</c> (ID, VERSION_ID), or from
/// <c>etc/alpine-release</c> and <c>etc/debian_version</c> (a bare version; "trixie/sid" has none).
/// </summary>
public sealed class OsReleaseAnalyzer : IPackageAnalyzer
{
    public string Id => "os-release/1";

    public bool Wants(LayerFile file) =>
        file.Path is "etc/os-release" or "usr/lib/os-release" or "etc/alpine-release" or "etc/debian_version";

    public void Analyze(LayerFile file, Stream content, FileFindings findings)
    {
        using var reader = new StreamReader(content, Encoding.UTF8, false, leaveOpen: true);
        if (file.Path is "etc/alpine-release" or "etc/debian_version")
        {
            var version = reader.ReadLine()?.Trim();
            var id = file.Path == "etc/alpine-release" ? "alpine" : "debian";
            findings.OsRelease = new OsRelease(id, version is { Length: > 0 } && char.IsAsciiDigit(version[0]) ? version : null);
            return;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            values[line[..eq].Trim()] = Unquote(line[(eq + 1)..].Trim());
        }

        if (values.TryGetValue("ID", out var osId) && osId.Length > 0)
        {
            findings.OsRelease = new OsRelease(osId, values.GetValueOrDefault("VERSION_ID") is { Length: > 0 } v ? v : null,
                values.GetValueOrDefault("PRETTY_NAME"), values.GetValueOrDefault("VERSION_CODENAME") is { Length: > 0 } c ? c : null);
        }
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0] ? value[1..^1] : value;
}
