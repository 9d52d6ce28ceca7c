namespace Berth.Core.Identity.Scopes;

/// <summary>
/// Scope map action strings: <c>repositories/&lt;name or glob&gt;/&lt;content|metadata&gt;/&lt;read|write|delete&gt;</c>
/// with the combinations of <see cref="RepositoryActions.ScopeMapNames"/>. Pure and thread-safe.
/// </summary>
public static class ScopeMapActions
{
    private const string Prefix = "repositories/";

    /// <summary>Splits a valid action into its repository pattern and action; false for anything malformed.</summary>
    public static bool TryParse(string? value, out string pattern, out RepositoryAction action)
    {
        pattern = string.Empty;
        action = RepositoryAction.None;
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var last = value.LastIndexOf('/');
        var middle = last > 0 ? value.LastIndexOf('/', last - 1) : -1;
        if (middle < Prefix.Length || !RepositoryActions.ScopeMapNames.TryGetValue(value[(middle + 1)..], out action))
        {
            return false;
        }

        pattern = value[Prefix.Length..middle];
        return RepositoryPatterns.IsValid(pattern);
    }

    /// <summary>The action string for one pattern and one single action.</summary>
    public static string Format(string pattern, RepositoryAction action)
    {
        foreach (var (name, value) in RepositoryActions.ScopeMapNames)
        {
            if (value == action)
            {
                return $"{Prefix}{pattern}/{name}";
            }
        }

        throw new ArgumentOutOfRangeException(nameof(action), action, "a scope map action is exactly one repository action");
    }

    /// <summary>
    /// The grants a token with these actions holds in <paramref name="registryId"/>: one per pattern, with the union
    /// of its actions. Malformed actions (never stored) are ignored.
    /// </summary>
    public static IReadOnlyList<Grant> ToGrants(long registryId, IEnumerable<string> actions)
    {
        var byPattern = new Dictionary<string, RepositoryAction>(StringComparer.Ordinal);
        foreach (var value in actions)
        {
            if (TryParse(value, out var pattern, out var action))
            {
                byPattern[pattern] = byPattern.GetValueOrDefault(pattern) | action;
            }
        }

        return byPattern.Select(p => new Grant(registryId, p.Key, p.Value, ResourcePermission.None)).ToList();
    }
}
