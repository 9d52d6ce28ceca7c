using Berth.Core.Identity;

namespace Berth.Metadata.Sqlite.Identity;

/// <summary>The <c>principals.kind</c> text of each kind.</summary>
internal static class PrincipalKinds
{
    public static string ToText(PrincipalKind kind) => kind switch
    {
        PrincipalKind.User => "user",
        PrincipalKind.ServicePrincipal => "service-principal",
        PrincipalKind.ManagedIdentity => "managed-identity",
        PrincipalKind.RepositoryToken => "token",
        PrincipalKind.AdminUser => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "this kind is not stored"),
    };

    public static PrincipalKind FromText(string kind) => kind switch
    {
        "user" => PrincipalKind.User,
        "service-principal" => PrincipalKind.ServicePrincipal,
        "managed-identity" => PrincipalKind.ManagedIdentity,
        "token" => PrincipalKind.RepositoryToken,
        "admin" => PrincipalKind.AdminUser,
        _ => throw new InvalidOperationException($"unknown principal kind '{kind}' in the database"),
    };
}
