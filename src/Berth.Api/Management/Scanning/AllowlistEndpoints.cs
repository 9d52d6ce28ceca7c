using Berth.Api.Management.Audit;
using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Core.Oci;
using Berth.Core.Scanning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.Scanning;

/// <summary>
/// <c>/api/v1/registries/{registry}/scan-policy/allowlist</c>: vulnerabilities the pull gate ignores, registry-wide or
/// for one repository, until an optional expiry.
/// </summary>
public static class AllowlistEndpoints
{
    public static RouteGroupBuilder MapAllowlist(this RouteGroupBuilder policy)
    {
        policy.MapGet("/allowlist", ListAsync).RequiresOnRegistry(ResourcePermission.Read).WithName("ListScanAllowlist");
        policy.MapPost("/allowlist", AddAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("AddScanAllowlistEntry");
        policy.MapDelete("/allowlist/{id:long}", RemoveAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("RemoveScanAllowlistEntry");
        return policy;
    }

    public static async Task<IResult> ListAsync(RegistryRoute registry, string? repository, ScanPolicyService policies, TimeProvider time, CancellationToken ct)
    {
        if (repository is not null && !Names.IsValidRepository(repository))
        {
            return ApiErrors.Invalid("repository must be a valid repository name");
        }

        var entries = await policies.ListAllowlistAsync(registry.Id, repository, ct);
        var now = time.GetUtcNow();
        return Results.Ok(entries.Select(e => EntryView.Of(e, now)).ToList());
    }

    public static async Task<IResult> AddAsync(RegistryRoute registry, AddAllowlistRequest body, ManagementCaller caller, ScanPolicyService policies, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        if (body.Repository is not null && !Names.IsValidRepository(body.Repository))
        {
            return ApiErrors.Invalid("repository must be a valid repository name");
        }

        var (entry, invalid) = await policies.AddAllowlistAsync(
            registry.Id, body.VulnerabilityId ?? "", body.Repository, body.ExpiresAt, body.Reason, caller.Principal.Id, ct);
        if (entry is null)
        {
            return ApiErrors.Invalid(invalid!);
        }

        await AuditEndpoints.RecordAsync(audit, time, caller, "scan-allowlist.add", ScanPolicyEndpoints.Target(registry, entry.Repository), detail: $"{entry.VulnerabilityId} until {entry.ExpiresAt?.ToString("O") ?? "never"}");
        return Results.Created($"{ManagementApi.Prefix}/registries/{registry}/scan-policy/allowlist/{entry.Id}", EntryView.Of(entry, time.GetUtcNow()));
    }

    public static async Task<IResult> RemoveAsync(RegistryRoute registry, long id, ManagementCaller caller, ScanPolicyService policies, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        if (!await policies.RemoveAllowlistAsync(registry.Id, id, ct))
        {
            return ApiErrors.Missing($"no allowlist entry {id} in registry '{registry}'");
        }

        await AuditEndpoints.RecordAsync(audit, time, caller, "scan-allowlist.remove", registry.Name, detail: $"entry {id}");
        return Results.NoContent();
    }

    public sealed record AddAllowlistRequest(string? VulnerabilityId, string? Repository, DateTimeOffset? ExpiresAt, string? Reason);

    public sealed record EntryView(long Id, string VulnerabilityId, string? Repository, DateTimeOffset? ExpiresAt, bool Expired, string? Reason, DateTimeOffset CreatedAt, string CreatedBy)
    {
        public static EntryView Of(AllowlistRecord e, DateTimeOffset now) =>
            new(e.Id, e.VulnerabilityId, e.Repository, e.ExpiresAt, !e.IsActive(now), e.Reason, e.CreatedAt, e.CreatedBy);
    }
}
