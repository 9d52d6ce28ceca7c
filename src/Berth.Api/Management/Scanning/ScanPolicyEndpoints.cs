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
/// <c>/api/v1/registries/{registry}/scan-policy</c>: quarantine of new pushes and the pull gate, for the registry
/// or (with <c>?repository=</c>) one repository, whose own policy replaces the registry's.
/// </summary>
public static class ScanPolicyEndpoints
{
    public static RouteGroupBuilder MapScanPolicy(this RouteGroupBuilder api)
    {
        var policy = api.MapGroup("/registries/{registry}/scan-policy").WithTags("scanning");
        policy.MapGet("/", GetAsync).RequiresOnRegistry(ResourcePermission.Read).WithName("GetScanPolicy");
        policy.MapPut("/", SetAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("SetScanPolicy");
        policy.MapDelete("/", DeleteAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("DeleteRepositoryScanPolicy");
        policy.MapAllowlist();
        return api;
    }

    /// <summary>The registry's policy with every repository override, or (with <c>repository</c>) the policy that applies to it.</summary>
    public static async Task<IResult> GetAsync(RegistryRoute registry, string? repository, ScanPolicyService policies, CancellationToken ct)
    {
        var id = registry.Id;
        if (repository is not null)
        {
            if (!Names.IsValidRepository(repository))
            {
                return ApiErrors.Invalid("repository must be a valid repository name");
            }

            var effective = await policies.GetEffectiveAsync(id, repository, ct);
            return Results.Ok(PolicyView.Of(effective.Policy, repository, effective.PolicyRepository is null ? "registry" : "repository"));
        }

        var own = (await policies.GetAsync(id, null, ct))!;
        var overrides = await policies.ListOverridesAsync(id, ct);
        return Results.Ok(new RegistryPolicyView(PolicyView.Of(own, null, "registry"), overrides.Select(o => PolicyView.Of(o.Policy, o.Repository, "repository")).ToList()));
    }

    public static async Task<IResult> SetAsync(RegistryRoute registry, string? repository, SetScanPolicyRequest body, ManagementCaller caller, ScanPolicyService policies, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        if (repository is not null && !Names.IsValidRepository(repository))
        {
            return ApiErrors.Invalid("repository must be a valid repository name");
        }

        if (!TryParseGate(body.Gate?.MinimumSeverity, out var gate))
        {
            return ApiErrors.Invalid("gate.minimumSeverity must be off, low, medium, high or critical");
        }

        var id = registry.Id;
        var stored = await policies.SetAsync(id, repository, body.Quarantine ?? false, gate, body.Gate?.OnlyFixable ?? false, ct);
        await AuditEndpoints.RecordAsync(audit, time, caller, "scan-policy.set", Target(registry, repository), detail: $"quarantine={stored.Quarantine} gate={stored.Gate} onlyFixable={stored.OnlyFixable}");
        return Results.Ok(PolicyView.Of(stored, repository, repository is null ? "registry" : "repository"));
    }

    public static async Task<IResult> DeleteAsync(RegistryRoute registry, string? repository, ManagementCaller caller, ScanPolicyService policies, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        if (repository is null || !Names.IsValidRepository(repository))
        {
            return ApiErrors.Invalid("repository is required: only a repository's own policy can be removed (set the registry's with PUT)");
        }

        if (!await policies.DeleteAsync(registry.Id, repository, ct))
        {
            return ApiErrors.Missing($"repository '{repository}' has no scan policy of its own");
        }

        await AuditEndpoints.RecordAsync(audit, time, caller, "scan-policy.delete", Target(registry, repository));
        return Results.NoContent();
    }

    internal static string Target(RegistryRoute registry, string? repository) => repository is null ? registry.Name : $"{registry.Name}/{repository}";

    internal static bool TryParseGate(string? text, out GateSeverity gate)
    {
        gate = GateSeverity.Off;
        return text is null || (Enum.TryParse(text, ignoreCase: true, out gate) && Enum.IsDefined(gate) && !int.TryParse(text, out _));
    }

    public sealed record SetScanPolicyRequest(bool? Quarantine, GateRequest? Gate);

    public sealed record GateRequest(string? MinimumSeverity, bool? OnlyFixable);

    public sealed record GateView(string MinimumSeverity, bool OnlyFixable);

    public sealed record PolicyView(string? Repository, string Source, bool Quarantine, DateTimeOffset? QuarantineSince, GateView Gate, DateTimeOffset? UpdatedAt)
    {
        public static PolicyView Of(ScanPolicySettings p, string? repository, string source) =>
            new(repository, source, p.Quarantine, p.QuarantineSince, new GateView(p.Gate.ToString().ToLowerInvariant(), p.OnlyFixable), p.UpdatedAt == DateTimeOffset.UnixEpoch ? null : p.UpdatedAt);
    }

    public sealed record RegistryPolicyView(PolicyView Registry, IReadOnlyList<PolicyView> Repositories);
}
