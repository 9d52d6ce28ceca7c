namespace Berth.Scanning.Findings.Components;

/// <summary>
/// The parts of a package-url (<c>pkg:type/namespace/name@version?qualifiers#subpath</c>, purl spec) the matcher
/// needs, percent-decoded. Immutable.
/// </summary>
public sealed record PackageUrl(string Type, string? Namespace, string Name, string? Version, IReadOnlyDictionary<string, string> Qualifiers)
{
    /// <summary>Parses <paramref name="text"/>; null when it is not a purl. Never throws.</summary>
    public static PackageUrl? Parse(string? text)
    {
        if (text is null || !text.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = text[4..].TrimStart('/');
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        rest = hash >= 0 ? rest[..hash] : rest;
        var qualifiers = new Dictionary<string, string>(StringComparer.Ordinal);
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            foreach (var pair in rest[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    qualifiers[pair[..eq].ToLowerInvariant()] = Decode(pair[(eq + 1)..]);
                }
            }

            rest = rest[..question];
        }

        string? version = null;
        var at = rest.LastIndexOf('@');
        var slashBeforeAt = at >= 0 ? rest.LastIndexOf('/', at) : -1;
        if (at > 0 && at > slashBeforeAt)
        {
            version = Decode(rest[(at + 1)..]);
            rest = rest[..at];
        }

        var segments = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return null;
        }

        var ns = segments.Length > 2 ? string.Join('/', segments[1..^1].Select(Decode)) : null;
        return new PackageUrl(segments[0].ToLowerInvariant(), ns, Decode(segments[^1]), version, qualifiers);
    }

    /// <summary>
    /// The package name as OSV spells it for this purl type: npm <c>@scope/name</c>, Maven <c>group:artifact</c>,
    /// Go the whole module path; others the name.
    /// </summary>
    public string OsvName => Type switch
    {
        "maven" when Namespace is not null => $"{Namespace}:{Name}",
        "npm" or "golang" when Namespace is not null => $"{Namespace}/{Name}",
        _ => Name,
    };

    private static string Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
