namespace Berth.Scanning.Advisories;

/// <summary>The lookup form of package names: advisories are indexed and found by (ecosystem, name key).</summary>
public static class PackageNames
{
    /// <summary>
    /// PyPI: PEP 503 normalisation (lowercase; runs of <c>-</c>, <c>_</c>, <c>.</c> become one <c>-</c>).
    /// NuGet: lowercase (NuGet ids are case-insensitive). Every other ecosystem: the name unchanged.
    /// The ecosystem's release suffix (<c>:…</c>) does not matter. Never throws for non-null input.
    /// </summary>
    public static string Key(string ecosystem, string name)
    {
        ArgumentNullException.ThrowIfNull(ecosystem);
        ArgumentNullException.ThrowIfNull(name);
        var baseName = Ecosystems.BaseName(ecosystem);
        if (baseName == "PyPI")
        {
            return Pep503(name);
        }

        return baseName == "NuGet" ? name.ToLowerInvariant() : name;
    }

    private static string Pep503(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        var pendingSeparator = false;
        foreach (var c in name)
        {
            if (c is '-' or '_' or '.')
            {
                pendingSeparator = true;
                continue;
            }

            if (pendingSeparator)
            {
                builder.Append('-');
                pendingSeparator = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        if (pendingSeparator)
        {
            builder.Append('-');
        }

        return builder.ToString();
    }
}

/// <summary>An (ecosystem, name key) pair: the index key of the advisory store.</summary>
public readonly record struct PackageKey(string Ecosystem, string Name)
{
    /// <summary>The key for a package as an inventory names it (the name is normalised with <see cref="PackageNames.Key"/>).</summary>
    public static PackageKey For(string ecosystem, string name) => new(ecosystem, PackageNames.Key(ecosystem, name));

    public override string ToString() => $"{Ecosystem}/{Name}";
}
