using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Caching;
using Berth.Core.Identity.Secrets;
using Berth.Core.Identity.Stores;

namespace Berth.Core.Identity.Directories;

/// <summary><see cref="IManagedIdentityDirectory"/>: rows without secrets; lookups by name (case-insensitive) or <c>mi_</c> id.</summary>
public sealed class ManagedIdentityDirectory(
    IPrincipalStore principals,
    OwnerGuard owners,
    IdentityVersion version,
    AuditEntries audit,
    TimeProvider time) : IManagedIdentityDirectory
{
    public async Task<ManagedIdentityInfo> CreateAsync(string name, Principal actor, CancellationToken ct)
    {
        IdentityNames.RequireUsername(name, "a managed identity name");
        var record = new PrincipalRecord(PrincipalIds.NewId(PrincipalKind.ManagedIdentity), PrincipalKind.ManagedIdentity, name, null, true, time.GetUtcNow());
        var outcome = await principals.InsertAsync(record, [], audit.Change("managed-identity.create", actor, Target(name), $"id={record.Id}"), ct);
        Outcomes.Require(outcome, $"managed identity '{name}'");
        version.Invalidate();
        return Info(record);
    }

    public async Task<IReadOnlyList<ManagedIdentityInfo>> ListAsync(CancellationToken ct) =>
        (await principals.ListAsync(PrincipalKind.ManagedIdentity, null, ct)).Select(Info).ToList();

    public async Task<ManagedIdentityInfo?> GetAsync(string nameOrId, CancellationToken ct) =>
        await FindAsync(nameOrId, ct) is { } record ? Info(record) : null;

    public async Task<bool> DeleteAsync(string nameOrId, Principal actor, CancellationToken ct)
    {
        if (await FindAsync(nameOrId, ct) is not { } record)
        {
            return false;
        }

        await owners.EnsureAnotherOwnerAsync(record.Id, null, ct);
        var deleted = await principals.DeleteAsync(record.Id, audit.Change("managed-identity.delete", actor, Target(record.Name), $"id={record.Id}"), ct);
        version.Invalidate();
        return deleted;
    }

    private async Task<PrincipalRecord?> FindAsync(string nameOrId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(nameOrId))
        {
            return null;
        }

        if (nameOrId.StartsWith(PrincipalIds.ManagedIdentity, StringComparison.Ordinal))
        {
            return await principals.GetAsync(nameOrId, ct) is { Kind: PrincipalKind.ManagedIdentity } byId ? byId : null;
        }

        return IdentityNames.IsValidUsername(nameOrId) ? await principals.FindByNameAsync(PrincipalKind.ManagedIdentity, null, nameOrId, ct) : null;
    }

    private static ManagedIdentityInfo Info(PrincipalRecord r) => new(r.Id, r.Name, r.CreatedAt);

    private static string Target(string name) => $"managed-identities/{name}";
}
