namespace Berth.Core.Identity.Scopes;

/// <summary>
/// Repository names and globs in scope maps and role scopes: lowercase OCI name characters plus <c>*</c>
/// (matching any run of characters, <c>/</c> included); no empty path components.
/// </summary>
public static class RepositoryPatterns
{
    public const int MaxLength = 256;

    public static bool IsValid(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern) || pattern.Length > MaxLength || pattern[0] == '/' || pattern[^1] == '/' || pattern.Contains("//", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in pattern)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-' or '/' or '*'))
            {
                return false;
            }
        }

        return true;
    }
}
