namespace Berth.Core.Identity;

/// <summary>
/// One right held by a principal: repository actions and resource permissions over a scope. The scope is the
/// server (<see cref="RegistryId"/> null), a registry, or repositories of a registry matching
/// <see cref="RepositoryPattern"/> (exact name, or a glob where <c>*</c> matches any characters including <c>/</c>).
/// Grants come from role assignments, a token's scope map, the admin user, or anonymous pull.
/// </summary>
public sealed record Grant(long? RegistryId, string? RepositoryPattern, RepositoryAction Actions, ResourcePermission Resources)
{
    /// <summary>Whether this grant's scope covers <paramref name="repository"/> of <paramref name="registryId"/>.</summary>
    public bool Covers(long registryId, string repository) =>
        (RegistryId is null || RegistryId == registryId) && (RepositoryPattern is null || Glob.Matches(RepositoryPattern, repository));

    /// <summary>Whether this grant's scope covers the whole registry (or the server).</summary>
    public bool CoversRegistry(long? registryId) =>
        RepositoryPattern is null && (RegistryId is null || RegistryId == registryId);
}

/// <summary>Repository name globs: <c>*</c> matches any run of characters (including <c>/</c>); everything else literally.</summary>
public static class Glob
{
    public static bool Matches(string pattern, string value)
    {
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = v;
            }
            else if (p < pattern.Length && pattern[p] == value[v])
            {
                p++;
                v++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
