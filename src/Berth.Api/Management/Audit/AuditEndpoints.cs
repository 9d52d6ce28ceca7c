using Berth.Core.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.Audit;

/// <summary><c>GET /api/v1/audit?after=&amp;limit=</c>: the audit log, oldest first, paged by sequence number.</summary>
public static class AuditEndpoints
{
    private const int MaxLimit = 1000;

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ReadAsync).RequiresOnServer(ResourcePermission.Read).WithTags("audit").WithName("ReadAudit");
        return api;
    }

    public static async Task<IResult> ReadAsync(long? after, int? limit, IAuditLog audit, CancellationToken ct)
    {
        if (after < 0 || limit is <= 0 or > MaxLimit)
        {
            return ApiErrors.Invalid($"after must be non-negative and limit between 1 and {MaxLimit}");
        }

        return Results.Ok(await audit.ReadAsync(after ?? 0, limit ?? 100, ct));
    }

    /// <summary>Appends an entry for an action that no Core service audits itself (key rotation, GC).</summary>
    internal static Task RecordAsync(IAuditLog audit, TimeProvider time, ManagementCaller caller, string action, string? target, bool success = true, string? detail = null) =>
        audit.AppendAsync(new AuditEntry(time.GetUtcNow(), action, caller.Principal.Id, target, caller.SourceAddress, caller.RequestId, success, detail), CancellationToken.None);
}
