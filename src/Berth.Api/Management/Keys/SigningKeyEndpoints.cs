using Berth.Api.Auth;
using Berth.Api.Management.Audit;
using Berth.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.Keys;

/// <summary><c>/api/v1/keys</c>: the token signing keys (ids and dates only) and their rotation.</summary>
public static class SigningKeyEndpoints
{
    public static RouteGroupBuilder MapSigningKeys(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").WithTags("keys");
        keys.MapGet("/", List).RequiresOnServer(ResourcePermission.Read).WithName("ListSigningKeys");
        keys.MapPost("/rotate", RotateAsync).RequiresOnServer(ResourcePermission.Manage).WithName("RotateSigningKey");
        return api;
    }

    public static IResult List(SigningKeyRing ring) => Results.Ok(ring.Keys);

    public static async Task<IResult> RotateAsync(ManagementCaller caller, SigningKeyRing ring, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var key = await ring.RotateAsync(ct);
        await AuditEndpoints.RecordAsync(audit, time, caller, "keys.rotate", key.KeyId);
        return Results.Ok(ring.Keys);
    }
}
