using Berth.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.Users;

/// <summary><c>/api/v1/users</c>: individual identities. Changes need Manage at server scope; reads need Read.</summary>
public static class UserEndpoints
{
    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("users");
        users.MapPost("/", CreateAsync).RequiresOnServer(ResourcePermission.Manage).WithName("CreateUser");
        users.MapGet("/", ListAsync).RequiresOnServer(ResourcePermission.Read).WithName("ListUsers");
        users.MapGet("/{username}", GetAsync).RequiresOnServer(ResourcePermission.Read).WithName("GetUser");
        users.MapPatch("/{username}", UpdateAsync).RequiresOnServer(ResourcePermission.Manage).WithName("UpdateUser");
        users.MapPost("/{username}/reset-password", ResetPasswordAsync).RequiresOnServer(ResourcePermission.Manage).WithName("ResetUserPassword");
        users.MapDelete("/{username}", DeleteAsync).RequiresOnServer(ResourcePermission.Manage).WithName("DeleteUser");
        return api;
    }

    public static async Task<IResult> CreateAsync(CreateUserRequest body, ManagementCaller caller, IUserDirectory users, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Username))
        {
            return ApiErrors.Invalid("username is required");
        }

        var issued = await users.CreateAsync(body.Username, body.Password, caller.Principal, ct);
        return Results.Created($"{ManagementApi.Prefix}/users/{Uri.EscapeDataString(issued.Item.Username)}", UserWithPassword.Of(issued));
    }

    public static async Task<IResult> ListAsync(IUserDirectory users, CancellationToken ct) =>
        Results.Ok((await users.ListAsync(ct)).Select(UserView.Of));

    public static async Task<IResult> GetAsync(string username, IUserDirectory users, CancellationToken ct) =>
        await users.GetAsync(username, ct) is { } user ? Results.Ok(UserView.Of(user)) : NotFound(username);

    public static async Task<IResult> UpdateAsync(string username, UpdateUserRequest body, ManagementCaller caller, IUserDirectory users, CancellationToken ct)
    {
        if (body.Enabled is not { } enabled)
        {
            return ApiErrors.Invalid("nothing to change: give enabled");
        }

        return await users.SetEnabledAsync(username, enabled, caller.Principal, ct) is { } user ? Results.Ok(UserView.Of(user)) : NotFound(username);
    }

    public static async Task<IResult> ResetPasswordAsync(string username, ResetPasswordRequest? body, ManagementCaller caller, IUserDirectory users, CancellationToken ct) =>
        await users.ResetPasswordAsync(username, body?.Password, caller.Principal, ct) is { } issued ? Results.Ok(UserWithPassword.Of(issued)) : NotFound(username);

    public static async Task<IResult> DeleteAsync(string username, ManagementCaller caller, IUserDirectory users, CancellationToken ct) =>
        await users.DeleteAsync(username, caller.Principal, ct) ? Results.NoContent() : NotFound(username);

    private static IResult NotFound(string username) => ApiErrors.Missing($"no user '{username}'");

    public sealed record CreateUserRequest(string Username, string? Password);

    public sealed record UpdateUserRequest(bool? Enabled);

    public sealed record ResetPasswordRequest(string? Password);

    public sealed record UserView(string Id, string Username, bool Enabled, DateTimeOffset CreatedAt)
    {
        public static UserView Of(UserInfo u) => new(u.Id, u.Username, u.Enabled, u.CreatedAt);
    }

    /// <summary>A user with the password that was just set: the only response that ever carries it.</summary>
    public sealed record UserWithPassword(string Id, string Username, bool Enabled, DateTimeOffset CreatedAt, string Password)
    {
        public static UserWithPassword Of(Issued<UserInfo> issued) =>
            new(issued.Item.Id, issued.Item.Username, issued.Item.Enabled, issued.Item.CreatedAt, issued.Secret);
    }
}
