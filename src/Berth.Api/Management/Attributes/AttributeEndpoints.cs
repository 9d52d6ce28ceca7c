using Berth.Core.Identity;
using Berth.Core.Identity.Locks;
using Berth.Core.Oci;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.Attributes;

/// <summary>
/// <c>/api/v1/registries/{registry}/attributes</c>: ACR's per-object locks on a repository, tag or manifest. The
/// object is named in the body (PATCH) or query (GET) because repository names contain slashes.
/// </summary>
public static class AttributeEndpoints
{
    public static RouteGroupBuilder MapAttributes(this RouteGroupBuilder api)
    {
        var attributes = api.MapGroup("/registries/{registry}/attributes").WithTags("attributes");
        attributes.MapGet("/", GetAsync).RequiresOnRegistry(ResourcePermission.Read).WithName("GetAttributes");
        attributes.MapPatch("/", UpdateAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("UpdateAttributes");
        return api;
    }

    public static async Task<IResult> GetAsync(RegistryRoute registry, string? repository, string? tag, string? digest, ILockStore locks, CancellationToken ct)
    {
        if (Target(repository, tag, digest, out var manifest) is { } invalid)
        {
            return invalid;
        }

        var effective = await locks.GetEffectiveAsync(registry.Id, repository!, tag, manifest, ct);
        return Results.Ok(AttributesView.Of(repository!, tag, manifest, effective));
    }

    /// <summary>Changes the given flags of one object's own attributes (the store audits the change).</summary>
    public static async Task<IResult> UpdateAsync(RegistryRoute registry, UpdateAttributesRequest body, LockStore locks, CancellationToken ct)
    {
        if (Target(body.Repository, body.Tag, body.Digest, out var manifest) is { } invalid)
        {
            return invalid;
        }

        var id = registry.Id;
        var current = await locks.GetOwnAsync(id, body.Repository!, body.Tag, manifest, ct);
        var wanted = new ObjectLocks(
            body.WriteEnabled ?? current.WriteEnabled,
            body.DeleteEnabled ?? current.DeleteEnabled,
            body.ReadEnabled ?? current.ReadEnabled,
            body.ListEnabled ?? current.ListEnabled);
        var stored = await locks.SetAsync(id, body.Repository!, body.Tag, manifest, wanted, ct);
        return Results.Ok(AttributesView.Of(body.Repository!, body.Tag, manifest, stored));
    }

    private static IResult? Target(string? repository, string? tag, string? digest, out Digest? manifest)
    {
        manifest = null;
        if (string.IsNullOrEmpty(repository) || !Names.IsValidRepository(repository))
        {
            return ApiErrors.Invalid("repository must be a valid repository name");
        }

        if (tag is not null && digest is not null)
        {
            return ApiErrors.Invalid("give tag or digest, not both");
        }

        if (tag is not null && !Names.IsValidTag(tag))
        {
            return ApiErrors.Invalid($"invalid tag '{tag}'");
        }

        if (digest is not null)
        {
            if (!Digest.TryParse(digest, out var d))
            {
                return ApiErrors.Invalid($"invalid digest '{digest}'");
            }

            manifest = d;
        }

        return null;
    }

    public sealed record UpdateAttributesRequest(string? Repository, string? Tag, string? Digest, bool? WriteEnabled, bool? DeleteEnabled, bool? ReadEnabled, bool? ListEnabled);

    public sealed record AttributesView(string Repository, string? Tag, string? Digest, bool WriteEnabled, bool DeleteEnabled, bool ReadEnabled, bool ListEnabled)
    {
        public static AttributesView Of(string repository, string? tag, Digest? digest, ObjectLocks locks) =>
            new(repository, tag, digest?.ToString(), locks.WriteEnabled, locks.DeleteEnabled, locks.ReadEnabled, locks.ListEnabled);
    }
}
