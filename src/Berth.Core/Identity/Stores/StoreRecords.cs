namespace Berth.Core.Identity.Stores;

/// <summary>
/// A stored principal. <see cref="AppId"/> is set for service principals only; <see cref="ScopeMap"/> and
/// <see cref="RegistryId"/> for repository tokens (the admin user has <see cref="RegistryId"/> too).
/// </summary>
public sealed record PrincipalRecord(
    string Id,
    PrincipalKind Kind,
    string Name,
    long? RegistryId,
    bool Enabled,
    DateTimeOffset CreatedAt,
    string? AppId = null,
    string? ScopeMap = null)
{
    public Principal ToPrincipal() => new(Id, Kind, Name, RegistryId);
}

/// <summary>
/// A stored secret: only its encoded hash (see <c>SecretHasher</c>). <see cref="Id"/> is the slot name for
/// slotted secrets (<c>password</c>, <c>password1</c>, <c>password2</c>) and a GUID for service principal secrets.
/// </summary>
public sealed record SecretRecord(string PrincipalId, string Id, string Hash, string? Description, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt)
{
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } at && at <= now;

    public SecretInfo ToInfo() => new(Id, Description, CreatedAt, ExpiresAt);
}

/// <summary>A role assignment: server scope when <see cref="RegistryId"/> is null; a repository glob needs a registry.</summary>
public sealed record RoleAssignmentRecord(string Id, string PrincipalId, string Role, long? RegistryId, string? RepositoryPattern, DateTimeOffset CreatedAt);

/// <summary>A user-defined scope map of one registry (system maps are not stored).</summary>
public sealed record ScopeMapRecord(long RegistryId, string Name, string? Description, IReadOnlyList<string> Actions, DateTimeOffset CreatedAt);

/// <summary>The attributes of one object: the repository itself when <see cref="Tag"/> and <see cref="Digest"/> are null.</summary>
public sealed record ObjectAttributeRecord(long RegistryId, string Repository, string? Tag, string? Digest, ObjectLocks Locks);

/// <summary>What the identity services need to know about a registry.</summary>
public sealed record RegistryAccessRecord(long Id, string Name, bool AnonymousPull, DateTimeOffset CreatedAt);

/// <summary>The result of a store write whose preconditions are checked inside its transaction.</summary>
public enum StoreOutcome
{
    /// <summary>The write committed.</summary>
    Done,

    /// <summary>The object (or the registry/principal it belongs to) does not exist; nothing changed.</summary>
    NotFound,

    /// <summary>The name (or the same assignment) already exists; nothing changed.</summary>
    NameTaken,

    /// <summary>The object is still referenced (a scope map used by a token); nothing changed.</summary>
    InUse,

    /// <summary>A referenced object does not exist (a token's scope map); nothing changed.</summary>
    MissingReference,
}
