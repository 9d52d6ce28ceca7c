using Berth.Scanning.Versions;

namespace Berth.Scanning.Advisories;

/// <summary>OSV ecosystem strings: <c>Name[:release]</c>.</summary>
public static class Ecosystems
{
    /// <summary><c>Debian:11</c> → <c>Debian</c>; <c>PyPI</c> → <c>PyPI</c>.</summary>
    public static string BaseName(string ecosystem)
    {
        ArgumentNullException.ThrowIfNull(ecosystem);
        var colon = ecosystem.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? ecosystem : ecosystem[..colon];
    }

    /// <summary><c>Debian:11</c> → <c>11</c>; <c>Alpine:v3.11</c> → <c>v3.11</c>; null without a suffix.</summary>
    public static string? Release(string ecosystem)
    {
        ArgumentNullException.ThrowIfNull(ecosystem);
        var colon = ecosystem.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : ecosystem[(colon + 1)..];
    }

    /// <summary>
    /// The comparer that orders the ecosystem's versions: <see cref="VersionComparers.For"/>, plus Berth's two
    /// non-OSV ecosystems (<c>Ruby</c> interpreters → RubyGems, <c>Node.js</c> → SemVer). Null when versions of
    /// the ecosystem have no known order; then only <c>versions[]</c> can match. Never throws.
    /// </summary>
    public static IVersionComparer? Comparer(string ecosystem) => BaseName(ecosystem ?? string.Empty) switch
    {
        "Ruby" => RubyGemsVersionComparer.Instance,
        "Node.js" => SemVerComparer.Instance,
        _ => VersionComparers.For(ecosystem),
    };
}
