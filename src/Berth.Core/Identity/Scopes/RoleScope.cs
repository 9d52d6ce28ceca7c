namespace Berth.Core.Identity.Scopes;

/// <summary>
/// A parsed role assignment scope: <c>/</c> (server), <c>/registries/{name}</c>, or
/// <c>/registries/{name}/repositories/{pattern}</c> (the pattern may contain <c>/</c> and <c>*</c>).
/// </summary>
public sealed record RoleScope(string? RegistryName, string? RepositoryPattern)
{
    private const string Registries = "/registries/";
    private const string Repositories = "/repositories/";

    public static RoleScope Server { get; } = new(null, null);

    /// <summary>Parses a scope string; false for anything else (no trailing slashes, no empty parts).</summary>
    public static bool TryParse(string? value, out RoleScope scope)
    {
        scope = Server;
        if (value == "/")
        {
            return true;
        }

        if (value is null || !value.StartsWith(Registries, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = value[Registries.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var registry = slash < 0 ? rest : rest[..slash];
        if (!IsRegistryName(registry))
        {
            return false;
        }

        if (slash < 0)
        {
            scope = new RoleScope(registry, null);
            return true;
        }

        var tail = rest[slash..];
        if (!tail.StartsWith(Repositories, StringComparison.Ordinal) || !RepositoryPatterns.IsValid(tail[Repositories.Length..]))
        {
            return false;
        }

        scope = new RoleScope(registry, tail[Repositories.Length..]);
        return true;
    }

    /// <summary>The scope string of a registry name and pattern (both null: the server).</summary>
    public static string Format(string? registryName, string? repositoryPattern) =>
        registryName is null ? "/" : repositoryPattern is null ? $"{Registries}{registryName}" : $"{Registries}{registryName}{Repositories}{repositoryPattern}";

    public override string ToString() => Format(RegistryName, RepositoryPattern);

    private static bool IsRegistryName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
