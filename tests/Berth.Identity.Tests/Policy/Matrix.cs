using Berth.Core.Identity;

namespace Berth.Identity.Tests.Policy;

/// <summary>
/// The expected permissions, written out independently of Roles.cs from ACR's built-in role matrix, and the scopes
/// every decision is tried at. Abbreviations: CR content/read, CW content/write, CD content/delete, MR metadata/read,
/// MW metadata/write.
/// </summary>
public static class Matrix
{
    public const long Registry = 1;
    public const long OtherRegistry = 2;
    public const string Repository = "team/app";

    /// <summary>Repository actions each role allows on an ordinary request.</summary>
    public static readonly IReadOnlyDictionary<string, string> RoleRepository = new Dictionary<string, string>
    {
        ["Owner"] = "CR CW CD MR MW",
        ["Contributor"] = "CR CW CD MR MW",
        ["Reader"] = "CR MR",
        ["AcrPush"] = "CR CW MR MW",
        ["AcrPull"] = "CR MR",
        ["AcrDelete"] = "CD MR",
        ["AcrImageSigner"] = "CR MR",
    };

    /// <summary>Roles that may also write signature material (blob uploads and referrer manifests).</summary>
    public static readonly IReadOnlySet<string> SignatureWriters = new HashSet<string> { "Owner", "Contributor", "AcrImageSigner" };

    /// <summary>Resource permissions each role holds (management API).</summary>
    public static readonly IReadOnlyDictionary<string, string> RoleResources = new Dictionary<string, string>
    {
        ["Owner"] = "Read Manage AssignRoles Sign",
        ["Contributor"] = "Read Manage Sign",
        ["Reader"] = "Read",
        ["AcrPush"] = "",
        ["AcrPull"] = "",
        ["AcrDelete"] = "",
        ["AcrImageSigner"] = "Sign",
    };

    /// <summary>Grant scopes (registry, pattern) by name, and whether each covers <see cref="Repository"/> of <see cref="Registry"/>.</summary>
    public static readonly IReadOnlyDictionary<string, (long? Registry, string? Pattern, bool Covers)> Scopes = new Dictionary<string, (long?, string?, bool)>
    {
        ["server"] = (null, null, true),
        ["same-registry"] = (Registry, null, true),
        ["other-registry"] = (OtherRegistry, null, false),
        ["matching-pattern"] = (Registry, "team/*", true),
        ["exact-name"] = (Registry, "team/app", true),
        ["non-matching-pattern"] = (Registry, "other/*", false),
        ["pattern-in-other-registry"] = (OtherRegistry, "team/*", false),
    };

    public static RepositoryAction Actions(string abbreviations)
    {
        var result = RepositoryAction.None;
        foreach (var a in abbreviations.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            result |= a switch
            {
                "CR" => RepositoryAction.ContentRead,
                "CW" => RepositoryAction.ContentWrite,
                "CD" => RepositoryAction.ContentDelete,
                "MR" => RepositoryAction.MetadataRead,
                "MW" => RepositoryAction.MetadataWrite,
                _ => throw new ArgumentException(a),
            };
        }

        return result;
    }

    public static ResourcePermission Resources(string names) =>
        names.Split(' ', StringSplitOptions.RemoveEmptyEntries).Aggregate(ResourcePermission.None, (r, n) => r | Enum.Parse<ResourcePermission>(n));

    /// <summary>All 32 combinations of the five repository actions, None included.</summary>
    public static IEnumerable<RepositoryAction> EveryActionSet() => Enumerable.Range(0, 32).Select(i => (RepositoryAction)i);

    public static bool Subset(RepositoryAction needed, RepositoryAction allowed) => (needed & ~allowed) == RepositoryAction.None;

    public static Principal User { get; } = new("usr_matrix", PrincipalKind.User, "matrix");
}
