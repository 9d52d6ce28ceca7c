namespace Berth.Core.Identity.Scopes;

/// <summary>
/// The read-only scope maps every registry has, defined here rather than stored. User-defined map names cannot
/// start with <c>_</c>, so they never collide with these.
/// </summary>
public static class SystemScopeMaps
{
    public const string Pull = "_repositories_pull";
    public const string Push = "_repositories_push";
    public const string Admin = "_repositories_admin";

    private static readonly string[] PullActions = ["repositories/*/content/read", "repositories/*/metadata/read"];
    private static readonly string[] PushActions = [.. PullActions, "repositories/*/content/write", "repositories/*/metadata/write"];
    private static readonly string[] AdminActions = [.. PushActions, "repositories/*/content/delete"];

    private static readonly Dictionary<string, (string Description, string[] Actions)> Maps = new(StringComparer.OrdinalIgnoreCase)
    {
        [Pull] = ("Can pull any repository of the registry", PullActions),
        [Push] = ("Can push to and pull from any repository of the registry", PushActions),
        [Admin] = ("Can perform all read, write and delete operations on the registry's repositories", AdminActions),
    };

    public static IReadOnlyList<string> Names { get; } = [Admin, Pull, Push];

    public static bool IsSystem(string name) => Maps.ContainsKey(name);

    /// <summary>The system map's actions, or null when <paramref name="name"/> is not a system map.</summary>
    public static IReadOnlyList<string>? Actions(string name) => Maps.TryGetValue(name, out var map) ? map.Actions : null;

    /// <summary>The system map as shown to callers, or null.</summary>
    public static ScopeMapInfo? Describe(long registryId, string name, DateTimeOffset createdAt) =>
        Maps.TryGetValue(name, out var map) ? new ScopeMapInfo(registryId, Canonical(name), map.Description, map.Actions, System: true, createdAt) : null;

    private static string Canonical(string name) => Names.First(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
}
