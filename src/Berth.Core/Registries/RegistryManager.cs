using System.Globalization;
using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Core.Registry;
using Microsoft.Extensions.Options;

namespace Berth.Core.Registries;

/// <summary>
/// Creates, changes and deletes registries: name rules, tags and network rule checks, SKU changes only when the
/// current use fits the new tier, the admin user through <see cref="IAdminUserService"/>, one audit entry per
/// change, and the directory and content caches refreshed after each write. Expected failures are
/// <see cref="IdentityException"/>s (Invalid, Conflict, NotFound), as for every management change. Thread-safe.
/// </summary>
public sealed class RegistryManager(
    IRegistryStore store,
    RegistryDirectory directory,
    RegistryLimits limits,
    IAdminUserService admin,
    AuditEntries audit,
    IOptions<RegistriesOptions> options,
    IOptions<SkuOptions> skus,
    TimeProvider time,
    CachingManifestStore? manifestCache = null,
    CachingBlobIndex? blobCache = null)
{
    public Task<IReadOnlyList<RegistryRecord>> ListAsync(CancellationToken ct) => store.ListAsync(ct);

    /// <summary>The registry, or NotFound.</summary>
    public async Task<RegistryRecord> GetAsync(long id, CancellationToken ct) =>
        await store.GetAsync(id, ct) ?? throw new IdentityException(IdentityErrorKind.NotFound, $"registry {id} was not found");

    /// <summary>Creates a registry; with <paramref name="adminUserEnabled"/> also its admin user, whose new passwords are returned once.</summary>
    public async Task<(RegistryRecord Registry, IReadOnlyDictionary<string, string> AdminPasswords)> CreateAsync(
        RegistryDraft draft, bool adminUserEnabled, Principal actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (RegistryNameRules.Problem(draft.Name) is { } problem)
        {
            throw new IdentityException(IdentityErrorKind.Invalid, problem);
        }

        RegistryTags.Validate(draft.Tags);
        var entry = audit.Change("registry.create", actor, Target(draft.Name), $"sku={draft.Sku} anonymousPull={draft.AnonymousPullEnabled} tags={draft.Tags.Count}");
        var created = await store.CreateAsync(draft, time.GetUtcNow(), entry, ct)
            ?? throw new IdentityException(IdentityErrorKind.Conflict, $"a registry named '{draft.Name}' already exists (names ignore case)");
        directory.Invalidate();
        IReadOnlyDictionary<string, string> passwords = new Dictionary<string, string>();
        if (adminUserEnabled)
        {
            passwords = (await admin.EnableAsync(created.Id, actor, ct)).NewPasswords;
            directory.Invalidate();
            created = await GetAsync(created.Id, ct);
        }

        return (created, passwords);
    }

    /// <summary>
    /// Applies <paramref name="changes"/> and the admin-user switch. A SKU change is refused (Conflict, naming each
    /// limit that does not fit) unless current use fits the new tier; network rules need a tier that has them.
    /// </summary>
    public async Task<(RegistryRecord Registry, IReadOnlyDictionary<string, string> AdminPasswords)> UpdateAsync(
        long id, RegistryChanges changes, bool? adminUserEnabled, Principal actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var current = await GetAsync(id, ct);
        if (changes.Tags is { } tags)
        {
            RegistryTags.Validate(tags);
        }

        var rules = changes.NetworkRules ?? current.NetworkRules;
        NetworkRules.Validate(rules);
        var sku = changes.Sku ?? current.Sku;
        if (NetworkRules.IsRestrictive(rules) && !skus.Value.For(sku).NetworkRules)
        {
            throw new IdentityException(IdentityErrorKind.Conflict, $"network rules need a SKU that has them (Premium); the registry would be {sku}");
        }

        if (changes.Sku is { } target && target != current.Sku)
        {
            await RequireFitsAsync(current, target, ct);
        }

        var record = current;
        if (changes != new RegistryChanges())
        {
            var entry = audit.Change("registry.update", actor, Target(current.Name), Describe(changes));
            record = await store.UpdateAsync(id, changes, entry, ct) ?? throw new IdentityException(IdentityErrorKind.NotFound, $"registry '{current.Name}' was not found");
            directory.Invalidate();
        }

        IReadOnlyDictionary<string, string> passwords = new Dictionary<string, string>();
        if (adminUserEnabled is { } enable && enable != record.AdminUserEnabled)
        {
            if (enable)
            {
                passwords = (await admin.EnableAsync(id, actor, ct)).NewPasswords;
            }
            else
            {
                await admin.DisableAsync(id, actor, ct);
            }

            directory.Invalidate();
            record = await GetAsync(id, ct);
        }

        return (record, passwords);
    }

    /// <summary>
    /// Deletes the registry and its content. The configured default registry cannot be deleted (Conflict). Stored
    /// blob objects that no other registry holds are removed by the next garbage collection.
    /// </summary>
    public async Task DeleteAsync(long id, Principal actor, CancellationToken ct)
    {
        var current = await GetAsync(id, ct);
        if (string.Equals(current.Name, options.Value.DefaultRegistry, StringComparison.OrdinalIgnoreCase))
        {
            throw new IdentityException(IdentityErrorKind.Conflict, $"'{current.Name}' is the default registry (Berth:Registries:DefaultRegistry) and cannot be deleted");
        }

        var entry = audit.Change("registry.delete", actor, Target(current.Name), string.Create(CultureInfo.InvariantCulture, $"id={id} storageBytes={current.StorageBytes}"));
        if (!await store.DeleteAsync(id, entry, ct))
        {
            throw new IdentityException(IdentityErrorKind.NotFound, $"registry '{current.Name}' was not found");
        }

        // Ids of deleted repositories may be reused: nothing cached about them may outlive the delete.
        manifestCache?.Clear();
        blobCache?.Clear();
        directory.Invalidate();
    }

    private async Task RequireFitsAsync(RegistryRecord current, Sku target, CancellationToken ct)
    {
        var tier = skus.Value.For(target);
        var problems = new List<string>();
        if (current.StorageBytes > tier.IncludedStorageBytes)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"storage: {current.StorageBytes} bytes used, {target} includes {tier.IncludedStorageBytes}"));
        }

        var tokens = await store.CountRepositoryTokensAsync(current.Id, ct);
        if (tokens > tier.RepositoryTokens)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"repository-scoped tokens: {tokens}, {target} allows {tier.RepositoryTokens}"));
        }

        var webhooks = await limits.CountWebhooksAsync(current.Id, ct);
        if (webhooks > tier.Webhooks)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"webhooks: {webhooks}, {target} allows {tier.Webhooks}"));
        }

        if (NetworkRules.IsRestrictive(current.NetworkRules) && !tier.NetworkRules)
        {
            problems.Add($"network rules are configured and {target} has none; remove them first");
        }

        if (problems.Count > 0)
        {
            throw new IdentityException(IdentityErrorKind.Conflict, $"the registry does not fit the {target} SKU: {string.Join("; ", problems)}");
        }
    }

    private static string Describe(RegistryChanges c)
    {
        var parts = new List<string>();
        if (c.Sku is { } sku)
        {
            parts.Add($"sku={sku}");
        }

        if (c.AnonymousPullEnabled is { } anonymous)
        {
            parts.Add($"anonymousPull={anonymous}");
        }

        if (c.Tags is { } tags)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"tags={tags.Count}"));
        }

        if (c.NetworkRules is { } rules)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"networkRules={rules.DefaultAction},ranges={rules.AllowedRanges.Count},public={rules.PublicNetworkAccess}"));
        }

        return string.Join(' ', parts);
    }

    private static string Target(string name) => $"registries/{name}";
}
