namespace Berth.Core.Identity;

/// <summary>The kinds of identity that can call Berth (ACR's authentication methods).</summary>
public enum PrincipalKind
{
    /// <summary>No credentials; only ever allowed to pull where a registry enables anonymous pull.</summary>
    Anonymous,

    /// <summary>An individual: <c>berth login</c> with username and password, 3-hour refresh token.</summary>
    User,

    /// <summary>Unattended automation: app id + one of several expiring client secrets.</summary>
    ServicePrincipal,

    /// <summary>An identity Berth issues to its own workloads; tokens from the local identity endpoint, no stored secret.</summary>
    ManagedIdentity,

    /// <summary>Repository-scoped token of one registry: rights only from its scope map.</summary>
    RepositoryToken,

    /// <summary>A registry's admin account (off by default): always full push/pull on that registry.</summary>
    AdminUser,
}

/// <summary>
/// An authenticated caller. <see cref="Id"/> is stable and unique across kinds (prefixed: <c>usr_</c>,
/// <c>sp_</c>, <c>mi_</c>, <c>tok_</c>, <c>adm_</c>); <see cref="RegistryId"/> is set for kinds that belong to one
/// registry (tokens, admin user).
/// </summary>
public sealed record Principal(string Id, PrincipalKind Kind, string Name, long? RegistryId = null)
{
    public static Principal Anonymous { get; } = new("anonymous", PrincipalKind.Anonymous, "anonymous");

    public bool IsAnonymous => Kind == PrincipalKind.Anonymous;
}
