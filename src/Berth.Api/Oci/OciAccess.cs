using Berth.Core.Identity;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Oci;

/// <summary>
/// What an OCI request needs on its repository: the action, the kind of write (signers may write only blobs and
/// referrers), and the Docker actions to ask for in a challenge. <see cref="ChallengeActions"/> is null for
/// routes that address no repository (base, catalog, unknown) and for unsupported methods.
/// </summary>
public readonly record struct OciRequirement(RepositoryAction Action, AccessPolicy.WriteKind Write, string? ChallengeActions)
{
    public bool IsRepository => ChallengeActions is not null;
}

/// <summary>Maps each OCI route and method to its <see cref="OciRequirement"/>. Pure and thread-safe.</summary>
public static class OciAccess
{
    private static readonly OciRequirement Pull = new(RepositoryAction.ContentRead, AccessPolicy.WriteKind.Ordinary, "pull");
    private static readonly OciRequirement List = new(RepositoryAction.MetadataRead, AccessPolicy.WriteKind.Ordinary, "pull");
    private static readonly OciRequirement Push = new(RepositoryAction.ContentWrite, AccessPolicy.WriteKind.Ordinary, "push,pull");
    private static readonly OciRequirement PushBlob = new(RepositoryAction.ContentWrite, AccessPolicy.WriteKind.Blob, "push,pull");
    private static readonly OciRequirement Delete = new(RepositoryAction.ContentDelete, AccessPolicy.WriteKind.Ordinary, "delete");
    private static readonly OciRequirement NoRepository = new(RepositoryAction.None, AccessPolicy.WriteKind.Ordinary, null);

    public static OciRequirement For(OciRouteKind kind, string method)
    {
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        return kind switch
        {
            OciRouteKind.Tags or OciRouteKind.Referrers when read => List,
            OciRouteKind.Manifest or OciRouteKind.Blob when read => Pull,
            OciRouteKind.Manifest when HttpMethods.IsPut(method) => Push,
            OciRouteKind.Manifest or OciRouteKind.Blob when HttpMethods.IsDelete(method) => Delete,
            OciRouteKind.UploadStart when HttpMethods.IsPost(method) => PushBlob,
            OciRouteKind.Upload when read || HttpMethods.IsPatch(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method) => PushBlob,
            _ => NoRepository,
        };
    }
}
