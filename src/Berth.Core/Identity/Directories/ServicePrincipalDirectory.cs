using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Caching;
using Berth.Core.Identity.Secrets;
using Berth.Core.Identity.Stores;
using Microsoft.Extensions.Options;

namespace Berth.Core.Identity.Directories;

/// <summary>
/// <see cref="IServicePrincipalDirectory"/>: an app id (lowercase GUID, the login username) and up to
/// <see cref="IdentityOptions.MaxServicePrincipalSecrets"/> generated secrets with ids (GUIDs), each expiring
/// (<see cref="IdentityOptions.ServicePrincipalSecretLifetime"/> by default). Lookups accept the app id, the
/// name (case-insensitive) or the <c>sp_</c> id.
/// </summary>
public sealed class ServicePrincipalDirectory(
    IPrincipalStore principals,
    ISecretStore secrets,
    SecretHasher hasher,
    OwnerGuard owners,
    IdentityVersion version,
    AuditEntries audit,
    IOptions<IdentityOptions> options,
    TimeProvider time) : IServicePrincipalDirectory
{
    public async Task<Issued<ServicePrincipalInfo>> CreateAsync(string name, TimeSpan? secretLifetime, Principal actor, CancellationToken ct)
    {
        IdentityNames.RequireUsername(name, "a service principal name");
        var lifetime = Outcomes.Lifetime(secretLifetime, "the secret lifetime") ?? options.Value.ServicePrincipalSecretLifetime;
        var now = time.GetUtcNow();
        var appId = Guid.NewGuid().ToString("D");
        var record = new PrincipalRecord(PrincipalIds.NewId(PrincipalKind.ServicePrincipal), PrincipalKind.ServicePrincipal, name, null, true, now, AppId: appId);
        var value = SecretGenerator.NewSecret();
        var secret = new SecretRecord(record.Id, Guid.NewGuid().ToString("D"), hasher.Hash(value), null, now, now + lifetime);
        var entry = audit.Change("service-principal.create", actor, Target(appId), $"id={record.Id} name={name} secret={secret.Id}");
        Outcomes.Require(await principals.InsertAsync(record, [secret], entry, ct), $"service principal '{name}'");
        version.Invalidate();
        return new Issued<ServicePrincipalInfo>(Info(record, [secret]), value);
    }

    public async Task<IReadOnlyList<ServicePrincipalInfo>> ListAsync(CancellationToken ct)
    {
        var result = new List<ServicePrincipalInfo>();
        foreach (var record in await principals.ListAsync(PrincipalKind.ServicePrincipal, null, ct))
        {
            result.Add(Info(record, await secrets.ListAsync(record.Id, ct)));
        }

        return result;
    }

    public async Task<ServicePrincipalInfo?> GetAsync(string principal, CancellationToken ct) =>
        await FindAsync(principal, ct) is { } record ? Info(record, await secrets.ListAsync(record.Id, ct)) : null;

    public async Task<bool> DeleteAsync(string principal, Principal actor, CancellationToken ct)
    {
        if (await FindAsync(principal, ct) is not { } record)
        {
            return false;
        }

        await owners.EnsureAnotherOwnerAsync(record.Id, null, ct);
        var deleted = await principals.DeleteAsync(record.Id, audit.Change("service-principal.delete", actor, Target(record.AppId!), $"id={record.Id} name={record.Name}"), ct);
        version.Invalidate();
        return deleted;
    }

    public async Task<Issued<ServicePrincipalInfo>?> ResetCredentialAsync(string principal, TimeSpan? lifetime, bool append, string? description, Principal actor, CancellationToken ct)
    {
        var chosen = Outcomes.Lifetime(lifetime, "the secret lifetime") ?? options.Value.ServicePrincipalSecretLifetime;
        if (description is { Length: > 256 })
        {
            throw new IdentityException(IdentityErrorKind.Invalid, "the description must have at most 256 characters");
        }

        if (await FindAsync(principal, ct) is not { } record)
        {
            return null;
        }

        if (append && (await secrets.ListAsync(record.Id, ct)).Count >= options.Value.MaxServicePrincipalSecrets)
        {
            throw new IdentityException(IdentityErrorKind.Conflict, $"a service principal holds at most {options.Value.MaxServicePrincipalSecrets} secrets; delete one first");
        }

        var now = time.GetUtcNow();
        var value = SecretGenerator.NewSecret();
        var secret = new SecretRecord(record.Id, Guid.NewGuid().ToString("D"), hasher.Hash(value), description, now, now + chosen);
        var action = append ? "service-principal.credential.add" : "service-principal.credential.reset";
        var stored = await secrets.PutAsync(secret, replaceOthers: !append, audit.Change(action, actor, Target(record.AppId!), $"secret={secret.Id}"), ct);
        version.Invalidate();
        return stored ? new Issued<ServicePrincipalInfo>(Info(record, await secrets.ListAsync(record.Id, ct)), value) : null;
    }

    public async Task<bool> DeleteCredentialAsync(string principal, string secretId, Principal actor, CancellationToken ct)
    {
        if (await FindAsync(principal, ct) is not { } record || string.IsNullOrEmpty(secretId))
        {
            return false;
        }

        var deleted = await secrets.DeleteAsync(record.Id, secretId, audit.Change("service-principal.credential.delete", actor, Target(record.AppId!), $"secret={secretId}"), ct);
        version.Invalidate();
        return deleted;
    }

    private async Task<PrincipalRecord?> FindAsync(string principal, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(principal))
        {
            return null;
        }

        if (Guid.TryParse(principal, out var appId) && await principals.FindByAppIdAsync(appId.ToString("D"), ct) is { } byAppId)
        {
            return byAppId;
        }

        if (principal.StartsWith(PrincipalIds.ServicePrincipal, StringComparison.Ordinal))
        {
            return await principals.GetAsync(principal, ct) is { Kind: PrincipalKind.ServicePrincipal } byId ? byId : null;
        }

        return IdentityNames.IsValidUsername(principal) ? await principals.FindByNameAsync(PrincipalKind.ServicePrincipal, null, principal, ct) : null;
    }

    private static ServicePrincipalInfo Info(PrincipalRecord r, IReadOnlyList<SecretRecord> stored) =>
        new(r.Id, r.AppId!, r.Name, r.Enabled, r.CreatedAt, stored.Select(s => s.ToInfo()).ToList());

    private static string Target(string appId) => $"service-principals/{appId}";
}
