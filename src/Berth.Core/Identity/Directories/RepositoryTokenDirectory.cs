using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Caching;
using Berth.Core.Identity.Scopes;
using Berth.Core.Identity.Secrets;
using Berth.Core.Identity.Stores;
using Berth.Core.Registries;

namespace Berth.Core.Identity.Directories;

/// <summary>
/// <see cref="IRepositoryTokenDirectory"/>: tokens belong to one registry; names compare case-insensitively;
/// the scope map (system or user) must exist in that registry (else Invalid); passwords are generated in slots
/// <c>password1</c>/<c>password2</c> with optional expiry. An unknown registry is NotFound; a registry whose SKU
/// allows no more tokens is Conflict.
/// </summary>
public sealed class RepositoryTokenDirectory(
    IPrincipalStore principals,
    ISecretStore secrets,
    IScopeMapStore scopeMaps,
    IRegistryAccessStore registries,
    SecretHasher hasher,
    IdentityVersion version,
    AuditEntries audit,
    TimeProvider time,
    IRegistryLimits? limits = null) : IRepositoryTokenDirectory
{
    // Counting and creating happen under one turn, so two creations cannot both take the last free slot.
    private readonly SemaphoreSlim _creating = new(1, 1);

    public const string Password1 = "password1";
    public const string Password2 = "password2";

    public async Task<Issued<RepositoryTokenInfo>> CreateAsync(long registryId, string name, string scopeMap, bool enabled, TimeSpan? passwordLifetime, Principal actor, CancellationToken ct)
    {
        var registry = await registries.RequireAsync(registryId, ct);
        IdentityNames.RequireResourceName(name, "a token name");
        var map = await ScopeMapNameAsync(registryId, scopeMap, ct);
        var lifetime = Outcomes.Lifetime(passwordLifetime, "the password lifetime");
        var now = time.GetUtcNow();
        var record = new PrincipalRecord(PrincipalIds.NewId(PrincipalKind.RepositoryToken), PrincipalKind.RepositoryToken, name, registryId, enabled, now, ScopeMap: map);
        var value = SecretGenerator.NewSecret();
        var secret = new SecretRecord(record.Id, Password1, hasher.Hash(value), null, now, now + lifetime);
        var entry = audit.Change("token.create", actor, Target(registry, name), $"id={record.Id} scopeMap={map} enabled={enabled}");
        await _creating.WaitAsync(ct);
        try
        {
            if (limits is not null)
            {
                var existing = (await principals.ListAsync(PrincipalKind.RepositoryToken, registryId, ct)).Count;
                if (await limits.CheckCountAsync(registryId, CountedResource.RepositoryTokens, existing, ct) is { } refusal)
                {
                    throw new IdentityException(IdentityErrorKind.Conflict, refusal.Message);
                }
            }

            Outcomes.Require(await principals.InsertAsync(record, [secret], entry, ct), $"token '{name}'");
        }
        finally
        {
            _creating.Release();
        }

        version.Invalidate();
        return new Issued<RepositoryTokenInfo>(Info(record, [secret]), value);
    }

    public async Task<IReadOnlyList<RepositoryTokenInfo>> ListAsync(long registryId, CancellationToken ct)
    {
        await registries.RequireAsync(registryId, ct);
        var result = new List<RepositoryTokenInfo>();
        foreach (var record in await principals.ListAsync(PrincipalKind.RepositoryToken, registryId, ct))
        {
            result.Add(Info(record, await secrets.ListAsync(record.Id, ct)));
        }

        return result;
    }

    public async Task<RepositoryTokenInfo?> GetAsync(long registryId, string name, CancellationToken ct)
    {
        await registries.RequireAsync(registryId, ct);
        return await FindAsync(registryId, name, ct) is { } record ? Info(record, await secrets.ListAsync(record.Id, ct)) : null;
    }

    public async Task<RepositoryTokenInfo?> UpdateAsync(long registryId, string name, string? scopeMap, bool? enabled, Principal actor, CancellationToken ct)
    {
        var registry = await registries.RequireAsync(registryId, ct);
        var map = scopeMap is null ? null : await ScopeMapNameAsync(registryId, scopeMap, ct);
        if (await FindAsync(registryId, name, ct) is not { } record)
        {
            return null;
        }

        var detail = string.Join(' ', new[] { map is null ? null : $"scopeMap={map}", enabled is null ? null : $"enabled={enabled}" }.OfType<string>());
        var outcome = await principals.UpdateAsync(record.Id, enabled, map, audit.Change("token.update", actor, Target(registry, record.Name), detail), ct);
        version.Invalidate();
        if (outcome == StoreOutcome.NotFound)
        {
            return null;
        }

        Outcomes.Require(outcome, $"scope map '{map}'");
        var updated = record with { Enabled = enabled ?? record.Enabled, ScopeMap = map ?? record.ScopeMap };
        return Info(updated, await secrets.ListAsync(record.Id, ct));
    }

    public async Task<bool> DeleteAsync(long registryId, string name, Principal actor, CancellationToken ct)
    {
        var registry = await registries.RequireAsync(registryId, ct);
        if (await FindAsync(registryId, name, ct) is not { } record)
        {
            return false;
        }

        var deleted = await principals.DeleteAsync(record.Id, audit.Change("token.delete", actor, Target(registry, record.Name), $"id={record.Id}"), ct);
        version.Invalidate();
        return deleted;
    }

    public async Task<Issued<RepositoryTokenInfo>?> GenerateCredentialAsync(long registryId, string name, string slot, TimeSpan? lifetime, Principal actor, CancellationToken ct)
    {
        var registry = await registries.RequireAsync(registryId, ct);
        if (slot is not (Password1 or Password2))
        {
            throw new IdentityException(IdentityErrorKind.Invalid, "the password name must be 'password1' or 'password2'");
        }

        var chosen = Outcomes.Lifetime(lifetime, "the password lifetime");
        if (await FindAsync(registryId, name, ct) is not { } record)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var value = SecretGenerator.NewSecret();
        var secret = new SecretRecord(record.Id, slot, hasher.Hash(value), null, now, now + chosen);
        var stored = await secrets.PutAsync(secret, replaceOthers: false, audit.Change("token.credential.generate", actor, Target(registry, record.Name), $"slot={slot}"), ct);
        version.Invalidate();
        return stored ? new Issued<RepositoryTokenInfo>(Info(record, await secrets.ListAsync(record.Id, ct)), value) : null;
    }

    private async Task<PrincipalRecord?> FindAsync(long registryId, string name, CancellationToken ct) =>
        IdentityNames.IsValidResourceName(name) ? await principals.FindByNameAsync(PrincipalKind.RepositoryToken, registryId, name, ct) : null;

    /// <summary>The scope map's canonical name; Invalid when it does not exist in the registry.</summary>
    private async Task<string> ScopeMapNameAsync(long registryId, string? name, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(name))
        {
            if (SystemScopeMaps.IsSystem(name))
            {
                return SystemScopeMaps.Names.First(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            }

            if (await scopeMaps.GetAsync(registryId, name, ct) is { } map)
            {
                return map.Name;
            }
        }

        throw new IdentityException(IdentityErrorKind.Invalid, $"scope map '{name}' does not exist in this registry");
    }

    private static RepositoryTokenInfo Info(PrincipalRecord r, IReadOnlyList<SecretRecord> stored) =>
        new(r.Id, r.RegistryId!.Value, r.Name, r.ScopeMap!, r.Enabled, r.CreatedAt, stored.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => s.ToInfo()).ToList());

    private static string Target(RegistryAccessRecord registry, string name) => $"registries/{registry.Name}/tokens/{name}";
}
