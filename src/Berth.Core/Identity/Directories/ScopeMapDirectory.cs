using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Caching;
using Berth.Core.Identity.Scopes;
using Berth.Core.Identity.Stores;

namespace Berth.Core.Identity.Directories;

/// <summary>
/// <see cref="IScopeMapDirectory"/>: the three system maps of <see cref="SystemScopeMaps"/> (read-only:
/// changing or deleting them is Forbidden) plus user maps stored per registry. Actions are validated by
/// <see cref="ScopeMapActions"/>, de-duplicated, and a map keeps at least one. An unknown registry is NotFound.
/// </summary>
public sealed class ScopeMapDirectory(
    IScopeMapStore store,
    IRegistryAccessStore registries,
    IdentityVersion version,
    AuditEntries audit) : IScopeMapDirectory
{
    public const int MaxActions = 500;

    public async Task<ScopeMapInfo> CreateAsync(long registryId, string name, IReadOnlyList<string> actions, string? description, Principal actor, CancellationToken ct)
    {
        var registry = await registries.RequireAsync(registryId, ct);
        if (SystemScopeMaps.IsSystem(name ?? string.Empty))
        {
            throw new IdentityException(IdentityErrorKind.Conflict, $"'{name}' is a system scope map");
        }

        IdentityNames.RequireResourceName(name, "a scope map name");
        var valid = Validate(actions);
        if (valid.Count == 0)
        {
            throw new IdentityException(IdentityErrorKind.Invalid, "a scope map needs at least one action");
        }

        RequireDescription(description);
        var entry = audit.Change("scope-map.create", actor, Target(registry, name!), string.Join(' ', valid));
        var record = new ScopeMapRecord(registryId, name!, description, valid, entry.At);
        Outcomes.Require(await store.InsertAsync(record, entry, ct), $"scope map '{name}'");
        version.Invalidate();
        return Info(record);
    }

    public async Task<IReadOnlyList<ScopeMapInfo>> ListAsync(long registryId, CancellationToken ct)
    {
        var registry = await registries.RequireAsync(registryId, ct);
        var system = SystemScopeMaps.Names.Select(n => SystemScopeMaps.Describe(registryId, n, registry.CreatedAt)!);
        var stored = (await store.ListAsync(registryId, ct)).Select(Info);
        return system.Concat(stored).ToList();
    }

    public async Task<ScopeMapInfo?> GetAsync(long registryId, string name, CancellationToken ct)
    {
        var registry = await registries.RequireAsync(registryId, ct);
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        return SystemScopeMaps.Describe(registryId, name, registry.CreatedAt)
            ?? (await store.GetAsync(registryId, name, ct) is { } map ? Info(map) : null);
    }

    public async Task<ScopeMapInfo?> UpdateAsync(long registryId, string name, IReadOnlyList<string> add, IReadOnlyList<string> remove, string? description, Principal actor, CancellationToken ct)
    {
        var registry = await registries.RequireAsync(registryId, ct);
        RequireWritable(name);
        var adding = Validate(add ?? []);
        var removing = (remove ?? []).Distinct(StringComparer.Ordinal).ToList();
        RequireDescription(description);
        if (await store.GetAsync(registryId, name, ct) is not { } current)
        {
            return null;
        }

        var result = current.Actions.Except(removing, StringComparer.Ordinal).Union(adding, StringComparer.Ordinal).ToList();
        if (result.Count == 0)
        {
            throw new IdentityException(IdentityErrorKind.Invalid, "a scope map needs at least one action");
        }

        if (result.Count > MaxActions)
        {
            throw new IdentityException(IdentityErrorKind.Invalid, $"a scope map holds at most {MaxActions} actions");
        }

        var detail = string.Join(' ', adding.Select(a => "+" + a).Concat(removing.Select(r => "-" + r)));
        var outcome = await store.UpdateAsync(registryId, name, adding, removing, description, audit.Change("scope-map.update", actor, Target(registry, current.Name), detail), ct);
        version.Invalidate();
        return outcome == StoreOutcome.Done && await store.GetAsync(registryId, name, ct) is { } updated ? Info(updated) : null;
    }

    public async Task<bool> DeleteAsync(long registryId, string name, Principal actor, CancellationToken ct)
    {
        var registry = await registries.RequireAsync(registryId, ct);
        RequireWritable(name);
        var outcome = await store.DeleteAsync(registryId, name, audit.Change("scope-map.delete", actor, Target(registry, name)), ct);
        if (outcome == StoreOutcome.InUse)
        {
            throw new IdentityException(IdentityErrorKind.Conflict, $"scope map '{name}' is used by a token; change or delete the token first");
        }

        version.Invalidate();
        return outcome == StoreOutcome.Done;
    }

    private static List<string> Validate(IReadOnlyList<string> actions)
    {
        var bad = actions.Where(a => !ScopeMapActions.TryParse(a, out _, out _)).ToList();
        if (bad.Count > 0)
        {
            throw new IdentityException(IdentityErrorKind.Invalid,
                $"invalid scope map action '{bad[0]}': expected repositories/<name or glob>/<content/read|content/write|content/delete|metadata/read|metadata/write>");
        }

        var distinct = actions.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count <= MaxActions
            ? distinct
            : throw new IdentityException(IdentityErrorKind.Invalid, $"a scope map holds at most {MaxActions} actions");
    }

    private static void RequireWritable(string name)
    {
        if (SystemScopeMaps.IsSystem(name ?? string.Empty))
        {
            throw new IdentityException(IdentityErrorKind.Forbidden, $"'{name}' is a system scope map and cannot be changed or deleted");
        }
    }

    private static void RequireDescription(string? description)
    {
        if (description is { Length: > 256 })
        {
            throw new IdentityException(IdentityErrorKind.Invalid, "the description must have at most 256 characters");
        }
    }

    private static ScopeMapInfo Info(ScopeMapRecord r) => new(r.RegistryId, r.Name, r.Description, r.Actions, System: false, r.CreatedAt);

    private static string Target(RegistryAccessRecord registry, string name) => $"registries/{registry.Name}/scope-maps/{name}";
}
