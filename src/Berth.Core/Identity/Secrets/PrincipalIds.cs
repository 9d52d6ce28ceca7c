using System.Globalization;

namespace Berth.Core.Identity.Secrets;

/// <summary>The id prefixes of <see cref="Principal.Id"/> per kind.</summary>
public static class PrincipalIds
{
    public const string User = "usr_";
    public const string ServicePrincipal = "sp_";
    public const string ManagedIdentity = "mi_";
    public const string RepositoryToken = "tok_";
    public const string AdminUser = "adm_";
    public const string RoleAssignment = "ra_";

    /// <summary>The admin user of a registry has a fixed id: <c>adm_{registryId}</c>.</summary>
    public static string Admin(long registryId) => AdminUser + registryId.ToString(CultureInfo.InvariantCulture);

    public static string NewId(PrincipalKind kind) => SecretGenerator.NewId(kind switch
    {
        PrincipalKind.User => User,
        PrincipalKind.ServicePrincipal => ServicePrincipal,
        PrincipalKind.ManagedIdentity => ManagedIdentity,
        PrincipalKind.RepositoryToken => RepositoryToken,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "this kind has no generated ids"),
    });

    /// <summary>Whether <paramref name="value"/> looks like an id rather than a name.</summary>
    public static bool LooksLikeId(string value) =>
        value.StartsWith(User, StringComparison.Ordinal) || value.StartsWith(ServicePrincipal, StringComparison.Ordinal)
        || value.StartsWith(ManagedIdentity, StringComparison.Ordinal) || value.StartsWith(RepositoryToken, StringComparison.Ordinal)
        || value.StartsWith(AdminUser, StringComparison.Ordinal);
}
