using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Caching;
using Berth.Core.Identity.Secrets;
using Berth.Core.Identity.Stores;

namespace Berth.Core.Identity.Directories;

/// <summary>
/// <see cref="IAdminUserService"/>. The admin user is the principal <c>adm_{registryId}</c>, created disabled with
/// its registry; its username is the registry name. Disabling keeps the passwords (re-enabling restores them);
/// regenerating works in either state. An unknown registry is NotFound.
/// </summary>
public sealed class AdminUserService(
    IPrincipalStore principals,
    ISecretStore secrets,
    IRegistryAccessStore registries,
    SecretHasher hasher,
    IdentityVersion version,
    AuditEntries audit,
    TimeProvider time) : IAdminUserService
{
    public const string Password = "password";
    public const string Password2 = "password2";

    public async Task<AdminUserInfo> GetAsync(long registryId, CancellationToken ct)
    {
        var registry = await registries.RequireAsync(registryId, ct);
        return await InfoAsync(registry, ct);
    }

    public async Task<(AdminUserInfo Admin, IReadOnlyDictionary<string, string> NewPasswords)> EnableAsync(long registryId, Principal actor, CancellationToken ct)
    {
        var registry = await registries.RequireAsync(registryId, ct);
        var id = PrincipalIds.Admin(registryId);
        var fresh = new Dictionary<string, string>(StringComparer.Ordinal);
        if (await principals.GetAsync(id, ct) is not { Enabled: true })
        {
            Outcomes.Require(await principals.UpdateAsync(id, true, null, audit.Change("admin.enable", actor, Target(registry)), ct), "the admin user");
            version.Invalidate();
        }

        if ((await secrets.ListAsync(id, ct)).Count == 0)
        {
            foreach (var slot in new[] { Password, Password2 })
            {
                fresh[slot] = await GenerateAsync(registry, slot, actor, ct);
            }
        }

        return (await InfoAsync(registry, ct), fresh);
    }

    public async Task<AdminUserInfo> DisableAsync(long registryId, Principal actor, CancellationToken ct)
    {
        var registry = await registries.RequireAsync(registryId, ct);
        Outcomes.Require(await principals.UpdateAsync(PrincipalIds.Admin(registryId), false, null, audit.Change("admin.disable", actor, Target(registry)), ct), "the admin user");
        version.Invalidate();
        return await InfoAsync(registry, ct);
    }

    public async Task<Issued<AdminUserInfo>> RegeneratePasswordAsync(long registryId, string slot, Principal actor, CancellationToken ct)
    {
        var registry = await registries.RequireAsync(registryId, ct);
        if (slot is not (Password or Password2))
        {
            throw new IdentityException(IdentityErrorKind.Invalid, "the password name must be 'password' or 'password2'");
        }

        var value = await GenerateAsync(registry, slot, actor, ct);
        return new Issued<AdminUserInfo>(await InfoAsync(registry, ct), value);
    }

    private async Task<string> GenerateAsync(RegistryAccessRecord registry, string slot, Principal actor, CancellationToken ct)
    {
        var value = SecretGenerator.NewSecret();
        var secret = new SecretRecord(PrincipalIds.Admin(registry.Id), slot, hasher.Hash(value), null, time.GetUtcNow(), null);
        if (!await secrets.PutAsync(secret, replaceOthers: false, audit.Change("admin.credential.generate", actor, Target(registry), $"slot={slot}"), ct))
        {
            throw new IdentityException(IdentityErrorKind.NotFound, "the admin user was not found");
        }

        version.Invalidate();
        return value;
    }

    private async Task<AdminUserInfo> InfoAsync(RegistryAccessRecord registry, CancellationToken ct)
    {
        var id = PrincipalIds.Admin(registry.Id);
        var admin = await principals.GetAsync(id, ct);
        var passwords = (await secrets.ListAsync(id, ct)).OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => s.ToInfo()).ToList();
        return new AdminUserInfo(registry.Id, registry.Name, admin?.Enabled ?? false, passwords);
    }

    private static string Target(RegistryAccessRecord registry) => $"registries/{registry.Name}/admin";
}
