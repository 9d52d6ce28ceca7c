using System.Text.RegularExpressions;

namespace Berth.Core.Oci;

/// <summary>The distribution-spec grammar for repository names and tags.</summary>
public static partial class Names
{
    public const int MaxRepositoryLength = 255;

    /// <summary>
    /// Path components of <c>[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*</c> joined by <c>/</c>, at most 255 characters.
    /// </summary>
    public static bool IsValidRepository(string? name) =>
        name is { Length: > 0 and <= MaxRepositoryLength } && RepositoryRegex().IsMatch(name);

    /// <summary><c>[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}</c>.</summary>
    public static bool IsValidTag(string? tag) => tag is { Length: > 0 and <= 128 } && TagRegex().IsMatch(tag);

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryRegex();

    [GeneratedRegex(@"^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagRegex();
}
