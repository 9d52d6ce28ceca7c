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

    public static async Task<IResult> ListAsync(ManagementCaller caller, RegistryManager registries, IAuthenticator identities, RegistryViews views, CancellationToken ct)
    {
        var visible = new List<RegistryView>();
        foreach (var r in await registries.ListAsync(ct))
        {
            var grants = await identities.GetGrantsAsync(caller.Principal, r.Id, ct);
            if (AccessPolicy.DecideResource(caller.Principal, grants, r.Id, ResourcePermission.Read).Allowed)
            {
                visible.Add(views.Of(r));
            }
        }

        return Results.Ok(visible);
    }

    public static async Task<IResult> CreateAsync(CreateRegistryRequest body, ManagementCaller caller, RegistryManager registries, RegistryViews views, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return ApiErrors.Invalid("name is required");
        }

        var draft = new RegistryDraft(body.Name, body.Sku ?? Sku.Standard, body.AnonymousPullEnabled ?? false, body.Tags ?? new Dictionary<string, string>());
        var (created, passwords) = await registries.CreateAsync(draft, body.AdminUserEnabled ?? false, caller.Principal, ct);
        return Results.Created($"{ManagementApi.Prefix}/registries/{Uri.EscapeDataString(created.Name)}", views.Of(created, passwords));
    }

    public static async Task<IResult> GetAsync(RegistryRoute registry, RegistryManager registries, RegistryViews views, CancellationToken ct) =>
        Results.Ok(views.Of(await registries.GetAsync(registry.Id, ct)));

    public static async Task<IResult> UpdateAsync(RegistryRoute registry, UpdateRegistryRequest body, ManagementCaller caller, RegistryManager registries, RegistryViews views, CancellationToken ct)
    {
        var rules = body.NetworkRuleSet is { } n
            ? new NetworkRuleSet(n.DefaultAction ?? NetworkDefaultAction.Allow, n.IpRules ?? [], n.PublicNetworkAccess ?? true)
            : null;
        var changes = new RegistryChanges(body.Sku, body.AnonymousPullEnabled, body.Tags, rules);
        var (updated, passwords) = await registries.UpdateAsync(registry.Id, changes, body.AdminUserEnabled, caller.Principal, ct);
        return Results.Ok(views.Of(updated, passwords));
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

    /// <summary>
    /// A registry with its SKU's limits; <see cref="AdminPasswords"/> carries admin passwords generated by this call
    /// (shown only here), else null.
    /// </summary>
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
        SkuLimits Limits,
        IReadOnlyDictionary<string, string>? AdminPasswords);
}

/// <summary>Builds <see cref="RegistryEndpoints.RegistryView"/>s: login servers from <c>Berth:Registries</c>, limits from <c>Berth:Skus</c>.</summary>
public sealed class RegistryViews(IOptions<RegistriesOptions> registries, IOptions<SkuOptions> skus)
{
    public RegistryEndpoints.RegistryView Of(RegistryRecord r, IReadOnlyDictionary<string, string>? passwords = null) => new(
        r.Id,
        r.Name,
        registries.Value.LoginServerOf(r.Name),
        r.Sku,
        r.AdminUserEnabled,
        r.AnonymousPullEnabled,
        r.Tags,
        r.CreatedAt,
        new RegistryEndpoints.NetworkRuleSetView(r.NetworkRules.DefaultAction, r.NetworkRules.AllowedRanges, r.NetworkRules.PublicNetworkAccess),
        r.StorageBytes,
        skus.Value.For(r.Sku),
        passwords is { Count: > 0 } ? passwords : null);
}
