using Berth.Core.Identity;

namespace Berth.Core.Registries;

/// <summary>Tag rules (as Azure resource tags): at most 50; keys 1-512 characters without &lt; &gt; % &amp; \ ? /; values up to 256.</summary>
public static class RegistryTags
{
    public const int MaxTags = 50;

    /// <summary>Throws Invalid for a tag set that breaks the rules.</summary>
    public static void Validate(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count > MaxTags)
        {
            throw new IdentityException(IdentityErrorKind.Invalid, $"a registry has at most {MaxTags} tags");
        }

        foreach (var (key, value) in tags)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > 512 || key.IndexOfAny(['<', '>', '%', '&', '\\', '?', '/']) >= 0)
            {
                throw new IdentityException(IdentityErrorKind.Invalid, $"tag key '{key}' must be 1-512 characters without < > % & \\ ? /");
            }

            if (value is null || value.Length > 256)
            {
                throw new IdentityException(IdentityErrorKind.Invalid, $"the value of tag '{key}' must be at most 256 characters");
            }
        }
    }
}
