namespace Berth.Core.Identity.Directories;

/// <summary>
/// Name rules. Users, service principals and managed identities: 1–64 of <c>[a-zA-Z0-9._@-]</c>. Tokens and
/// scope maps: 1–50 of <c>[a-zA-Z0-9-]</c> starting with a letter or digit (a leading <c>_</c> is reserved for
/// system scope maps). None contains <c>_</c>, so a name never looks like a principal id.
/// </summary>
public static class IdentityNames
{
    public static bool IsValidUsername(string? name) =>
        name is { Length: > 0 and <= 64 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '@' or '-');

    public static bool IsValidResourceName(string? name) =>
        name is { Length: > 0 and <= 50 } && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public static void RequireUsername(string? name, string what)
    {
        if (!IsValidUsername(name))
        {
            throw new IdentityException(IdentityErrorKind.Invalid, $"{what} must be 1-64 characters of letters, digits, '.', '@' and '-'");
        }
    }

    public static void RequireResourceName(string? name, string what)
    {
        if (!IsValidResourceName(name))
        {
            throw new IdentityException(IdentityErrorKind.Invalid, $"{what} must be 1-50 characters of letters, digits and '-', starting with a letter or digit");
        }
    }
}
