using Berth.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.Registries;

/// <summary><c>/api/v1/registries/{registry}</c>: registry access settings (anonymous pull).</summary>
public static class RegistryEndpoints
{
    public static RouteGroupBuilder MapRegistries(this RouteGroupBuilder api)
    {
        var registry = api.MapGroup("/registries/{registry}").WithTags("registries");
        registry.MapGet("/", GetAsync).RequiresOnRegistry(ResourcePermission.Read).WithName("GetRegistry");
        registry.MapPatch("/", UpdateAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("UpdateRegistry");
        return api;
    }

    public static async Task<IResult> GetAsync(string registry, IRegistryAccessSettings settings, CancellationToken ct)
    {
        var id = RegistryNames.Resolve(registry)!.Value;
        return Results.Ok(new RegistryView(registry, await settings.IsAnonymousPullEnabledAsync(id, ct)));
    }

    public static async Task<IResult> UpdateAsync(string registry, UpdateRegistryRequest body, ManagementCaller caller, IRegistryAccessSettings settings, CancellationToken ct)
    {
        var id = RegistryNames.Resolve(registry)!.Value;
        if (body.AnonymousPullEnabled is { } enabled)
        {
            await settings.SetAnonymousPullAsync(id, enabled, caller.Principal, ct);
        }

        return Results.Ok(new RegistryView(registry, await settings.IsAnonymousPullEnabledAsync(id, ct)));
    }

    public sealed record UpdateRegistryRequest(bool? AnonymousPullEnabled);

    public sealed record RegistryView(string Name, bool AnonymousPullEnabled);
}
