using Berth.Core.Identity;
using Berth.Core.Registries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Berth.Api.Management.Registries;

/// <summary>
/// <c>/api/v1/registries</c>: registries as resources. Creating and deleting need Manage at server scope (Owner,
/// Contributor); reading and changing one need Read / Manage on it; the list shows the registries the caller may read.
/// </summary>
public static class RegistryEndpoints
{
    public static RouteGroupBuilder MapRegistries(this RouteGroupBuilder api)
    {
        var all = api.MapGroup("/registries").WithTags("registries");
        all.MapGet("/", ListAsync).WithName("ListRegistries");
        all.MapPost("/", CreateAsync).RequiresOnServer(ResourcePermission.Manage).WithName("CreateRegistry");
        var registry = api.MapGroup("/registries/{registry}").WithTags("registries");
        registry.MapGet("/", GetAsync).RequiresOnRegistry(ResourcePermission.Read).WithName("GetRegistry");
        registry.MapPatch("/", UpdateAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("UpdateRegistry");
        registry.MapDelete("/", DeleteAsync).RequiresOnServer(ResourcePermission.Manage).RequiresOnRegistry(ResourcePermission.Manage).WithName("DeleteRegistry");
        registry.MapGet("/usage", UsageAsync).RequiresOnRegistry(ResourcePermission.Read).WithName("GetRegistryUsage");
        return api;
    }

    public static async Task<IResult> ListAsync(HttpContext http, ManagementCaller caller, RegistryManager registries, IAuthenticator identities, IOptions<RegistriesOptions> options, CancellationToken ct)
    {
        var visible = new List<RegistryView>();
        foreach (var r in await registries.ListAsync(ct))
        {
            var grants = await identities.GetGrantsAsync(caller.Principal, r.Id, ct);
            if (AccessPolicy.DecideResource(caller.Principal, grants, r.Id, ResourcePermission.Read).Allowed)
            {
                visible.Add(RegistryView.Of(r, options.Value));
            }
        }

        return Results.Ok(visible);
    }

    public static async Task<IResult> CreateAsync(CreateRegistryRequest body, ManagementCaller caller, RegistryManager registries, IOptions<RegistriesOptions> options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return ApiErrors.Invalid("name is required");
        }

        var draft = new RegistryDraft(body.Name, body.Sku ?? Sku.Standard, body.AnonymousPullEnabled ?? false, body.Tags ?? new Dictionary<string, string>());
        var (created, passwords) = await registries.CreateAsync(draft, body.AdminUserEnabled ?? false, caller.Principal, ct);
        return Results.Created($"{ManagementApi.Prefix}/registries/{Uri.EscapeDataString(created.Name)}", RegistryView.Of(created, options.Value, passwords));
    }

    public static async Task<IResult> GetAsync(RegistryRoute registry, RegistryManager registries, IOptions<RegistriesOptions> options, CancellationToken ct) =>
        Results.Ok(RegistryView.Of(await registries.GetAsync(registry.Id, ct), options.Value));

    public static async Task<IResult> UpdateAsync(RegistryRoute registry, UpdateRegistryRequest body, ManagementCaller caller, RegistryManager registries, IOptions<RegistriesOptions> options, CancellationToken ct)
    {
        var rules = body.NetworkRuleSet is { } n
            ? new NetworkRuleSet(n.DefaultAction ?? NetworkDefaultAction.Allow, n.IpRules ?? [], n.PublicNetworkAccess ?? true)
            : null;
        var changes = new RegistryChanges(body.Sku, body.AnonymousPullEnabled, body.Tags, rules);
        var (updated, passwords) = await registries.UpdateAsync(registry.Id, changes, body.AdminUserEnabled, caller.Principal, ct);
        return Results.Ok(RegistryView.Of(updated, options.Value, passwords));
    }

    public static async Task<IResult> DeleteAsync(RegistryRoute registry, ManagementCaller caller, RegistryManager registries, CancellationToken ct)
    {
        await registries.DeleteAsync(registry.Id, caller.Principal, ct);
        return Results.NoContent();
    }

    public static async Task<IResult> UsageAsync(RegistryRoute registry, IRegistryLimits limits, CancellationToken ct) =>
        await limits.GetUsageAsync(registry.Id, ct) is { } usage
            ? Results.Ok(new UsageView(registry.Name, usage))
            : ApiErrors.Missing($"no registry '{registry.Name}'");

    public sealed record CreateRegistryRequest(string Name, Sku? Sku, bool? AdminUserEnabled, bool? AnonymousPullEnabled, Dictionary<string, string>? Tags);

    /// <summary>Null members stay as they are; <see cref="Tags"/> replaces every tag; <see cref="NetworkRuleSet"/> replaces the rule set.</summary>
    public sealed record UpdateRegistryRequest(Sku? Sku, bool? AdminUserEnabled, bool? AnonymousPullEnabled, Dictionary<string, string>? Tags, NetworkRuleSetRequest? NetworkRuleSet);

    public sealed record NetworkRuleSetRequest(NetworkDefaultAction? DefaultAction, IReadOnlyList<string>? IpRules, bool? PublicNetworkAccess);

    public sealed record NetworkRuleSetView(NetworkDefaultAction DefaultAction, IReadOnlyList<string> IpRules, bool PublicNetworkAccess);

    public sealed record UsageView(string Registry, IReadOnlyList<UsageItem> Value);

    /// <summary>A registry; <see cref="AdminPasswords"/> carries admin passwords generated by this call (shown only here), else null.</summary>
    public sealed record RegistryView(
        long Id,
        string Name,
        string LoginServer,
        Sku Sku,
        bool AdminUserEnabled,
        bool AnonymousPullEnabled,
        IReadOnlyDictionary<string, string> Tags,
        DateTimeOffset CreatedAt,
        NetworkRuleSetView NetworkRuleSet,
        long StorageBytes,
        IReadOnlyDictionary<string, string>? AdminPasswords)
    {
        public static RegistryView Of(RegistryRecord r, RegistriesOptions options, IReadOnlyDictionary<string, string>? passwords = null) => new(
            r.Id,
            r.Name,
            options.LoginServerOf(r.Name),
            r.Sku,
            r.AdminUserEnabled,
            r.AnonymousPullEnabled,
            r.Tags,
            r.CreatedAt,
            new NetworkRuleSetView(r.NetworkRules.DefaultAction, r.NetworkRules.AllowedRanges, r.NetworkRules.PublicNetworkAccess),
            r.StorageBytes,
            passwords is { Count: > 0 } ? passwords : null);
    }
}
