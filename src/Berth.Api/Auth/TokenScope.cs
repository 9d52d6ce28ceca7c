namespace Berth.Api.Auth;

/// <summary>
/// One entry of a token's <c>access</c> claim, and of a requested scope: <c>repository:&lt;name&gt;:pull,push</c>,
/// <c>registry:catalog:*</c>, or <c>management</c> (the management API).
/// </summary>
public sealed record AccessEntry(string Type, string Name, IReadOnlyList<string> Actions)
{
    public const string Repository = "repository";
    public const string Registry = "registry";
    public const string Management = "management";

    public static AccessEntry Catalog { get; } = new(Registry, "catalog", ["*"]);

    public static AccessEntry ManagementApi { get; } = new(Management, "api", ["*"]);

    public bool Has(string action) => Actions.Contains(action, StringComparer.Ordinal) || Actions.Contains("*", StringComparer.Ordinal);

    public override string ToString() => Type == Management ? Management : $"{Type}:{Name}:{string.Join(',', Actions)}";
}

/// <summary>Parses Docker token-auth scopes. Pure and thread-safe.</summary>
public static class TokenScope
{
    /// <summary>
    /// Parses every scope in <paramref name="values"/> (each may hold several, space-separated, as OAuth2 form
    /// posts do). Returns false with a message for a malformed scope; unknown resource types are ignored, as
    /// Docker's token servers do.
    /// </summary>
    public static bool TryParse(IEnumerable<string?> values, out IReadOnlyList<AccessEntry> scopes, out string? error)
    {
        var list = new List<AccessEntry>();
        scopes = list;
        error = null;
        foreach (var value in values)
        {
            foreach (var scope in (value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!TryParseOne(scope, out var entry))
                {
                    error = $"malformed scope '{Cut(scope)}'; expected repository:<name>:<actions>, registry:catalog:* or management";
                    return false;
                }

                if (entry is not null)
                {
                    list.Add(entry);
                }
            }
        }

        return true;
    }

    private static bool TryParseOne(string scope, out AccessEntry? entry)
    {
        entry = null;
        if (scope == AccessEntry.Management)
        {
            entry = AccessEntry.ManagementApi;
            return true;
        }

        // type[(class)]:name:actions — names contain no ':' in Berth, but a registry host prefix could, so the
        // actions are taken from the right.
        var first = scope.IndexOf(':', StringComparison.Ordinal);
        var last = scope.LastIndexOf(':');
        if (first <= 0 || last <= first + 1 || last == scope.Length - 1)
        {
            return false;
        }

        var type = scope[..first];
        var paren = type.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0 && type.EndsWith(')'))
        {
            type = type[..paren];
        }

        var name = scope[(first + 1)..last];
        var actions = scope[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();
        if (actions.Count == 0)
        {
            return false;
        }

        if (type is AccessEntry.Repository or AccessEntry.Registry)
        {
            entry = new AccessEntry(type, name, actions);
        }

        return true;
    }

    private static string Cut(string s) => s.Length > 200 ? s[..200] + "…" : s;
}
