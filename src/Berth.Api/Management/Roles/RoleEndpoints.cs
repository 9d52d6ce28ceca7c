using Berth.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.Roles;

/// <summary><c>GET /api/v1/roles</c>: the built-in roles and what each permits.</summary>
public static class RoleEndpoints
{
    public static RouteGroupBuilder MapRoles(this RouteGroupBuilder api)
    {
        api.MapGet("/roles", List).WithTags("roles").WithName("ListRoles");
        return api;
    }

    public static IResult List() => Results.Ok(Core.Identity.Roles.All.Select(r => new RoleView(
        r.Name,
        r.Description,
        [.. RepositoryActions.ScopeMapNames.Where(kv => r.Repository.HasFlag(kv.Value)).Select(kv => kv.Key)],
        [.. Enum.GetValues<ResourcePermission>().Where(p => p != ResourcePermission.None && r.Resources.HasFlag(p)).Select(p => p.ToString())])));

    public sealed record RoleView(string Name, string Description, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources);
}
