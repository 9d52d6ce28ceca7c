namespace Berth.Core.Identity;

/// <summary>A secret returned exactly once, at creation or regeneration; only its hash is stored.</summary>
public sealed record Issued<T>(T Item, string Secret);

/// <summary>Metadata of a stored secret (never its value).</summary>
public sealed record SecretInfo(string Id, string? Description, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

public sealed record UserInfo(string Id, string Username, bool Enabled, DateTimeOffset CreatedAt);

public sealed record ServicePrincipalInfo(string Id, string AppId, string Name, bool Enabled, DateTimeOffset CreatedAt, IReadOnlyList<SecretInfo> Secrets);

public sealed record ManagedIdentityInfo(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>A repository-scoped token: <see cref="Passwords"/> holds the slots <c>password1</c> and <c>password2</c> that are set.</summary>
public sealed record RepositoryTokenInfo(string Id, long RegistryId, string Name, string ScopeMap, bool Enabled, DateTimeOffset CreatedAt, IReadOnlyList<SecretInfo> Passwords);

/// <summary>A scope map: actions like <c>repositories/samples/*/content/read</c>. System maps cannot be changed.</summary>
public sealed record ScopeMapInfo(long RegistryId, string Name, string? Description, IReadOnlyList<string> Actions, bool System, DateTimeOffset CreatedAt);

/// <summary>
/// A role assignment. <see cref="Scope"/> is <c>/</c> (server), <c>/registries/{name}</c>, or
/// <c>/registries/{name}/repositories/{pattern}</c>.
/// </summary>
public sealed record RoleAssignmentInfo(string Id, string PrincipalId, string PrincipalName, string Role, string Scope, DateTimeOffset CreatedAt);

/// <summary>A registry's admin user: <see cref="Passwords"/> holds the slots <c>password</c> and <c>password2</c>.</summary>
public sealed record AdminUserInfo(long RegistryId, string Username, bool Enabled, IReadOnlyList<SecretInfo> Passwords);
