using Berth.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.ManagedIdentities;

/// <summary><c>/api/v1/managed-identities</c>: identities for Berth-run workloads (no stored secret).</summary>
public static class ManagedIdentityEndpoints
{
    public static RouteGroupBuilder MapManagedIdentities(this RouteGroupBuilder api)
    {
        var mis = api.MapGroup("/managed-identities").WithTags("managed-identities");
        mis.MapPost("/", CreateAsync).RequiresOnServer(ResourcePermission.Manage).WithName("CreateManagedIdentity");
        mis.MapGet("/", ListAsync).RequiresOnServer(ResourcePermission.Read).WithName("ListManagedIdentities");
        mis.MapGet("/{name}", GetAsync).RequiresOnServer(ResourcePermission.Read).WithName("GetManagedIdentity");
        mis.MapDelete("/{name}", DeleteAsync).RequiresOnServer(ResourcePermission.Manage).WithName("DeleteManagedIdentity");
        return api;
    }

    public static async Task<IResult> CreateAsync(CreateManagedIdentityRequest body, ManagementCaller caller, IManagedIdentityDirectory identities, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return ApiErrors.Invalid("name is required");
        }

        var identity = await identities.CreateAsync(body.Name, caller.Principal, ct);
        return Results.Created($"{ManagementApi.Prefix}/managed-identities/{Uri.EscapeDataString(identity.Name)}", identity);
    }

    public static async Task<IResult> ListAsync(IManagedIdentityDirectory identities, CancellationToken ct) =>
        Results.Ok(await identities.ListAsync(ct));

    public static async Task<IResult> GetAsync(string name, IManagedIdentityDirectory identities, CancellationToken ct) =>
        await identities.GetAsync(name, ct) is { } identity ? Results.Ok(identity) : NotFound(name);

    public static async Task<IResult> DeleteAsync(string name, ManagementCaller caller, IManagedIdentityDirectory identities, CancellationToken ct) =>
        await identities.DeleteAsync(name, caller.Principal, ct) ? Results.NoContent() : NotFound(name);

    private static IResult NotFound(string name) => ApiErrors.Missing($"no managed identity '{name}'");

    public sealed record CreateManagedIdentityRequest(string Name);
}
