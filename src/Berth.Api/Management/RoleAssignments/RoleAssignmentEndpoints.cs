using Berth.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.RoleAssignments;

/// <summary><c>/api/v1/role-assignments</c>: (principal, role, scope). Only Owners at server scope change them.</summary>
public static class RoleAssignmentEndpoints
{
    public static RouteGroupBuilder MapRoleAssignments(this RouteGroupBuilder api)
    {
        var assignments = api.MapGroup("/role-assignments").WithTags("role-assignments");
        assignments.MapPost("/", CreateAsync).RequiresOnServer(ResourcePermission.AssignRoles).WithName("CreateRoleAssignment");
        assignments.MapGet("/", ListAsync).RequiresOnServer(ResourcePermission.Read).WithName("ListRoleAssignments");
        assignments.MapDelete("/{id}", DeleteAsync).RequiresOnServer(ResourcePermission.AssignRoles).WithName("DeleteRoleAssignment");
        return api;
    }

    public static async Task<IResult> CreateAsync(CreateRoleAssignmentRequest body, ManagementCaller caller, IRoleAssignmentDirectory assignments, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Principal) || string.IsNullOrWhiteSpace(body.Role))
        {
            return ApiErrors.Invalid("principal and role are required");
        }

        var assignment = await assignments.CreateAsync(body.Principal, body.Role, string.IsNullOrEmpty(body.Scope) ? "/" : body.Scope, caller.Principal, ct);
        return Results.Created($"{ManagementApi.Prefix}/role-assignments/{Uri.EscapeDataString(assignment.Id)}", assignment);
    }

    public static async Task<IResult> ListAsync(string? principal, IRoleAssignmentDirectory assignments, CancellationToken ct) =>
        Results.Ok(await assignments.ListAsync(string.IsNullOrEmpty(principal) ? null : principal, ct));

    public static async Task<IResult> DeleteAsync(string id, ManagementCaller caller, IRoleAssignmentDirectory assignments, CancellationToken ct) =>
        await assignments.DeleteAsync(id, caller.Principal, ct) ? Results.NoContent() : ApiErrors.Missing($"no role assignment '{id}'");

    /// <summary><see cref="Scope"/>: <c>/</c> (default), <c>/registries/{name}</c> or <c>/registries/{name}/repositories/{pattern}</c>.</summary>
    public sealed record CreateRoleAssignmentRequest(string Principal, string Role, string? Scope);
}
