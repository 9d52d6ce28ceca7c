using Berth.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.ServicePrincipals;

/// <summary><c>/api/v1/service-principals</c>: app ids with expiring client secrets. Changes need Manage at server scope.</summary>
public static class ServicePrincipalEndpoints
{
    public static RouteGroupBuilder MapServicePrincipals(this RouteGroupBuilder api)
    {
        var sps = api.MapGroup("/service-principals").WithTags("service-principals");
        sps.MapPost("/", CreateAsync).RequiresOnServer(ResourcePermission.Manage).WithName("CreateServicePrincipal");
        sps.MapGet("/", ListAsync).RequiresOnServer(ResourcePermission.Read).WithName("ListServicePrincipals");
        sps.MapGet("/{principal}", GetAsync).RequiresOnServer(ResourcePermission.Read).WithName("GetServicePrincipal");
        sps.MapPost("/{principal}/credentials", ResetCredentialAsync).RequiresOnServer(ResourcePermission.Manage).WithName("ResetServicePrincipalCredential");
        sps.MapDelete("/{principal}/credentials/{secretId}", DeleteCredentialAsync).RequiresOnServer(ResourcePermission.Manage).WithName("DeleteServicePrincipalCredential");
        sps.MapDelete("/{principal}", DeleteAsync).RequiresOnServer(ResourcePermission.Manage).WithName("DeleteServicePrincipal");
        return api;
    }

    public static async Task<IResult> CreateAsync(CreateServicePrincipalRequest body, ManagementCaller caller, IServicePrincipalDirectory sps, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return ApiErrors.Invalid("name is required");
        }

        var issued = await sps.CreateAsync(body.Name, Days(body.SecretLifetimeDays), caller.Principal, ct);
        return Results.Created($"{ManagementApi.Prefix}/service-principals/{issued.Item.AppId}", WithSecret.Of(issued));
    }

    public static async Task<IResult> ListAsync(IServicePrincipalDirectory sps, CancellationToken ct) =>
        Results.Ok(await sps.ListAsync(ct));

    public static async Task<IResult> GetAsync(string principal, IServicePrincipalDirectory sps, CancellationToken ct) =>
        await sps.GetAsync(principal, ct) is { } sp ? Results.Ok(sp) : NotFound(principal);

    public static async Task<IResult> ResetCredentialAsync(string principal, ResetCredentialRequest? body, ManagementCaller caller, IServicePrincipalDirectory sps, CancellationToken ct)
    {
        var issued = await sps.ResetCredentialAsync(principal, Days(body?.LifetimeDays), body?.Append ?? false, body?.Description, caller.Principal, ct);
        return issued is null ? NotFound(principal) : Results.Ok(WithSecret.Of(issued));
    }

    public static async Task<IResult> DeleteCredentialAsync(string principal, string secretId, ManagementCaller caller, IServicePrincipalDirectory sps, CancellationToken ct) =>
        await sps.DeleteCredentialAsync(principal, secretId, caller.Principal, ct) ? Results.NoContent() : ApiErrors.Missing($"no secret '{secretId}' of service principal '{principal}'");

    public static async Task<IResult> DeleteAsync(string principal, ManagementCaller caller, IServicePrincipalDirectory sps, CancellationToken ct) =>
        await sps.DeleteAsync(principal, caller.Principal, ct) ? Results.NoContent() : NotFound(principal);

    internal static TimeSpan? Days(double? days) => days is { } d ? TimeSpan.FromDays(d) : null;

    private static IResult NotFound(string principal) => ApiErrors.Missing($"no service principal '{principal}'");

    public sealed record CreateServicePrincipalRequest(string Name, double? SecretLifetimeDays);

    public sealed record ResetCredentialRequest(double? LifetimeDays, bool? Append, string? Description);

    /// <summary>A service principal with the secret that was just generated: the only response that ever carries it.</summary>
    public sealed record WithSecret(string Id, string AppId, string Name, bool Enabled, DateTimeOffset CreatedAt, IReadOnlyList<SecretInfo> Secrets, string Secret)
    {
        public static WithSecret Of(Issued<ServicePrincipalInfo> issued)
        {
            var sp = issued.Item;
            return new(sp.Id, sp.AppId, sp.Name, sp.Enabled, sp.CreatedAt, sp.Secrets, issued.Secret);
        }
    }
}
