namespace Berth.Core.Identity;

/// <summary>What a built-in role permits, beyond repository actions.</summary>
[Flags]
public enum ResourcePermission
{
    None = 0,

    /// <summary>Read registries, identities, tokens, scope maps, policies (no secrets).</summary>
    Read = 1,

    /// <summary>Create/update/delete registries, tokens, scope maps, users, service principals, policies, locks.</summary>
    Manage = 2,

    /// <summary>Create and delete role assignments.</summary>
    AssignRoles = 4,

    /// <summary>Push signature artifacts (manifests with a subject, and their blobs).</summary>
    Sign = 8,
}

/// <summary>A built-in role: ACR's role matrix.</summary>
public sealed record Role(string Name, string Description, RepositoryAction Repository, ResourcePermission Resources);

/// <summary>
/// The seven built-in roles. Owner and Contributor manage resources and do everything to image data;
/// Owner alone assigns roles. Reader reads resources and pulls. AcrPush pushes and pulls, AcrPull pulls,
/// AcrDelete deletes image data, AcrImageSigner signs (pushes signature artifacts).
/// </summary>
public static class Roles
{
    public static readonly Role Owner = new("Owner", "Full access, including role assignments", RepositoryAction.All, ResourcePermission.Read | ResourcePermission.Manage | ResourcePermission.AssignRoles | ResourcePermission.Sign);
    public static readonly Role Contributor = new("Contributor", "Manage resources and image data; no role assignments", RepositoryAction.All, ResourcePermission.Read | ResourcePermission.Manage | ResourcePermission.Sign);
    public static readonly Role Reader = new("Reader", "Read resources and pull images", RepositoryAction.ContentRead | RepositoryAction.MetadataRead, ResourcePermission.Read);
    public static readonly Role AcrPush = new("AcrPush", "Push and pull images", RepositoryAction.ContentRead | RepositoryAction.MetadataRead | RepositoryAction.ContentWrite | RepositoryAction.MetadataWrite, ResourcePermission.None);
    public static readonly Role AcrPull = new("AcrPull", "Pull images", RepositoryAction.ContentRead | RepositoryAction.MetadataRead, ResourcePermission.None);
    public static readonly Role AcrDelete = new("AcrDelete", "Delete images, tags and blobs", RepositoryAction.ContentDelete | RepositoryAction.MetadataRead, ResourcePermission.None);
    public static readonly Role AcrImageSigner = new("AcrImageSigner", "Sign images (push signature artifacts)", RepositoryAction.None, ResourcePermission.Sign);

    public static IReadOnlyList<Role> All { get; } = [Owner, Contributor, Reader, AcrPush, AcrPull, AcrDelete, AcrImageSigner];

    public static Role? Find(string name) => All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
