using Berth.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.RepositoryTokens;

/// <summary><c>/api/v1/registries/{registry}/tokens</c>: repository-scoped tokens whose rights come from a scope map.</summary>
public static class RepositoryTokenEndpoints
{
    public static RouteGroupBuilder MapRepositoryTokens(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/registries/{registry}/tokens").WithTags("tokens");
        tokens.MapPost("/", CreateAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("CreateToken");
        tokens.MapGet("/", ListAsync).RequiresOnRegistry(ResourcePermission.Read).WithName("ListTokens");
        tokens.MapGet("/{name}", GetAsync).RequiresOnRegistry(ResourcePermission.Read).WithName("GetToken");
        tokens.MapPatch("/{name}", UpdateAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("UpdateToken");
        tokens.MapPost("/{name}/credentials", GenerateCredentialAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("GenerateTokenCredential");
        tokens.MapDelete("/{name}", DeleteAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("DeleteToken");
        return api;
    }

    public static async Task<IResult> CreateAsync(RegistryRoute registry, CreateTokenRequest body, ManagementCaller caller, IRepositoryTokenDirectory tokens, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || string.IsNullOrWhiteSpace(body.ScopeMap))
        {
            return ApiErrors.Invalid("name and scopeMap are required");
        }

        var issued = await tokens.CreateAsync(registry.Id, body.Name, body.ScopeMap, body.Enabled ?? true, Days(body.PasswordLifetimeDays), caller.Principal, ct);
        return Results.Created($"{ManagementApi.Prefix}/registries/{registry}/tokens/{Uri.EscapeDataString(issued.Item.Name)}", WithPassword.Of(issued));
    }

    public static async Task<IResult> ListAsync(RegistryRoute registry, IRepositoryTokenDirectory tokens, CancellationToken ct) =>
        Results.Ok(await tokens.ListAsync(registry.Id, ct));

    public static async Task<IResult> GetAsync(RegistryRoute registry, string name, IRepositoryTokenDirectory tokens, CancellationToken ct) =>
        await tokens.GetAsync(registry.Id, name, ct) is { } token ? Results.Ok(token) : NotFound(name);

    public static async Task<IResult> UpdateAsync(RegistryRoute registry, string name, UpdateTokenRequest body, ManagementCaller caller, IRepositoryTokenDirectory tokens, CancellationToken ct) =>
        await tokens.UpdateAsync(registry.Id, name, body.ScopeMap, body.Enabled, caller.Principal, ct) is { } token ? Results.Ok(token) : NotFound(name);

    public static async Task<IResult> GenerateCredentialAsync(RegistryRoute registry, string name, GenerateCredentialRequest body, ManagementCaller caller, IRepositoryTokenDirectory tokens, CancellationToken ct)
    {
        if (body.Name is not ("password1" or "password2"))
        {
            return ApiErrors.Invalid("name must be password1 or password2");
        }

        var issued = await tokens.GenerateCredentialAsync(registry.Id, name, body.Name, Days(body.LifetimeDays), caller.Principal, ct);
        return issued is null ? NotFound(name) : Results.Ok(WithPassword.Of(issued));
    }

    public static async Task<IResult> DeleteAsync(RegistryRoute registry, string name, ManagementCaller caller, IRepositoryTokenDirectory tokens, CancellationToken ct) =>
        await tokens.DeleteAsync(registry.Id, name, caller.Principal, ct) ? Results.NoContent() : NotFound(name);

    private static TimeSpan? Days(double? days) => days is { } d ? TimeSpan.FromDays(d) : null;

    private static IResult NotFound(string name) => ApiErrors.Missing($"no token '{name}'");

    public sealed record CreateTokenRequest(string Name, string ScopeMap, bool? Enabled, double? PasswordLifetimeDays);

    public sealed record UpdateTokenRequest(string? ScopeMap, bool? Enabled);

    public sealed record GenerateCredentialRequest(string Name, double? LifetimeDays);

    /// <summary>A token with the password just generated: the only response that ever carries it.</summary>
    public sealed record WithPassword(string Id, long RegistryId, string Name, string ScopeMap, bool Enabled, DateTimeOffset CreatedAt, IReadOnlyList<SecretInfo> Passwords, string Password)
    {
        public static WithPassword Of(Issued<RepositoryTokenInfo> issued)
        {
            var t = issued.Item;
            return new(t.Id, t.RegistryId, t.Name, t.ScopeMap, t.Enabled, t.CreatedAt, t.Passwords, issued.Secret);
        }
    }
}
