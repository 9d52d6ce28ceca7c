using Berth.Core.Identity;
using Berth.Core.Registries;
using Berth.Core.Registries.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.Registries;

/// <summary>
/// <c>/api/v1/registries/{registry}/network-rules/ip-rules</c>: adds or removes one allowed IP range of a registry's
/// network rules (Premium) without resending the rule set (the whole set is read and replaced with
/// <c>PATCH /registries/{registry}</c>, <c>networkRuleSet</c>). Changes go through <see cref="RegistryManager"/>,
/// which refuses rules on a SKU without them (409) and audits each change; ranges are stored in canonical CIDR
/// form. Edits are serialized within the process so two concurrent adds both land. The rules gate the data plane
/// and the token service, never this API.
/// </summary>
public static class NetworkRuleEndpoints
{
    private static readonly SemaphoreSlim Edits = new(1, 1);

    public static RouteGroupBuilder MapNetworkRules(this RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/registries/{registry}/network-rules/ip-rules").WithTags("registries");
        rules.MapPost("/", AddAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("AddNetworkRule");
        rules.MapDelete("/", RemoveAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("RemoveNetworkRule");
        return api;
    }

    /// <summary>Adds one range (idempotent: a range already listed, in any spelling, is not added twice).</summary>
    public static Task<IResult> AddAsync(RegistryRoute registry, IpRuleRequest body, ManagementCaller caller, RegistryManager manager, CancellationToken ct)
    {
        var range = Canonical(body.IpAddress);
        return EditAsync(registry, caller, manager, current =>
            current.AllowedRanges.Any(r => Same(r, range)) ? current : current with { AllowedRanges = [.. current.AllowedRanges, range] }, ct);
    }

    /// <summary>Removes one range, given in any spelling (<c>?ipAddress=10.0.0.0/8</c>); 404 when it is not listed.</summary>
    public static Task<IResult> RemoveAsync(RegistryRoute registry, string? ipAddress, ManagementCaller caller, RegistryManager manager, CancellationToken ct)
    {
        var range = Canonical(ipAddress);
        return EditAsync(registry, caller, manager, current => current.AllowedRanges.Any(r => Same(r, range))
            ? current with { AllowedRanges = [.. current.AllowedRanges.Where(r => !Same(r, range))] }
            : throw new IdentityException(IdentityErrorKind.NotFound, $"{range} is not in the network rules of registry '{registry.Name}'"), ct);
    }

    private static async Task<IResult> EditAsync(RegistryRoute registry, ManagementCaller caller, RegistryManager manager, Func<NetworkRuleSet, NetworkRuleSet> change, CancellationToken ct)
    {
        await Edits.WaitAsync(ct);
        try
        {
            var current = await manager.GetAsync(registry.Id, ct);
            var rules = change(current.NetworkRules);
            if (ReferenceEquals(rules, current.NetworkRules))
            {
                return Results.Ok(View(current.NetworkRules));
            }

            var (updated, _) = await manager.UpdateAsync(registry.Id, new RegistryChanges(NetworkRules: rules), adminUserEnabled: null, caller.Principal, ct);
            return Results.Ok(View(updated.NetworkRules));
        }
        finally
        {
            Edits.Release();
        }
    }

    private static string Canonical(string? range) =>
        CidrRange.TryParse(range, out var network, out var error) ? network.ToString() : throw new IdentityException(IdentityErrorKind.Invalid, error);

    private static bool Same(string stored, string canonical) => string.Equals(CidrRange.Normalize(stored) ?? stored, canonical, StringComparison.OrdinalIgnoreCase);

    private static RegistryEndpoints.NetworkRuleSetView View(NetworkRuleSet r) => new(r.DefaultAction, r.AllowedRanges, r.PublicNetworkAccess);

    public sealed record IpRuleRequest(string? IpAddress);
}
