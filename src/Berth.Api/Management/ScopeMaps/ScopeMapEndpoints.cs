using Berth.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.ScopeMaps;

/// <summary><c>/api/v1/registries/{registry}/scope-maps</c>: the rights of repository tokens.</summary>
public static class ScopeMapEndpoints
{
    public static RouteGroupBuilder MapScopeMaps(this RouteGroupBuilder api)
    {
        var maps = api.MapGroup("/registries/{registry}/scope-maps").WithTags("scope-maps");
        maps.MapPost("/", CreateAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("CreateScopeMap");
        maps.MapGet("/", ListAsync).RequiresOnRegistry(ResourcePermission.Read).WithName("ListScopeMaps");
        maps.MapGet("/{name}", GetAsync).RequiresOnRegistry(ResourcePermission.Read).WithName("GetScopeMap");
        maps.MapPatch("/{name}", UpdateAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("UpdateScopeMap");
        maps.MapDelete("/{name}", DeleteAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("DeleteScopeMap");
        return api;
    }

    public static async Task<IResult> CreateAsync(RegistryRoute registry, CreateScopeMapRequest body, ManagementCaller caller, IScopeMapDirectory maps, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Actions is null)
        {
            return ApiErrors.Invalid("name and actions are required");
        }

        var map = await maps.CreateAsync(registry.Id, body.Name, body.Actions, body.Description, caller.Principal, ct);
        return Results.Created($"{ManagementApi.Prefix}/registries/{registry}/scope-maps/{Uri.EscapeDataString(map.Name)}", map);
    }

    public static async Task<IResult> ListAsync(RegistryRoute registry, IScopeMapDirectory maps, CancellationToken ct) =>
        Results.Ok(await maps.ListAsync(registry.Id, ct));

    public static async Task<IResult> GetAsync(RegistryRoute registry, string name, IScopeMapDirectory maps, CancellationToken ct) =>
        await maps.GetAsync(registry.Id, name, ct) is { } map ? Results.Ok(map) : NotFound(name);

    public static async Task<IResult> UpdateAsync(RegistryRoute registry, string name, UpdateScopeMapRequest body, ManagementCaller caller, IScopeMapDirectory maps, CancellationToken ct) =>
        await maps.UpdateAsync(registry.Id, name, body.Add ?? [], body.Remove ?? [], body.Description, caller.Principal, ct) is { } map
            ? Results.Ok(map)
            : NotFound(name);

    public static async Task<IResult> DeleteAsync(RegistryRoute registry, string name, ManagementCaller caller, IScopeMapDirectory maps, CancellationToken ct) =>
        await maps.DeleteAsync(registry.Id, name, caller.Principal, ct) ? Results.NoContent() : NotFound(name);

    private static IResult NotFound(string name) => ApiErrors.Missing($"no scope map '{name}'");

    public sealed record CreateScopeMapRequest(string Name, IReadOnlyList<string> Actions, string? Description);

    public sealed record UpdateScopeMapRequest(IReadOnlyList<string>? Add, IReadOnlyList<string>? Remove, string? Description);
}
