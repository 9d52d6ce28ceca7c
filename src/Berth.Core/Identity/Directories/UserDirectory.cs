using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Caching;
using Berth.Core.Identity.Secrets;
using Berth.Core.Identity.Stores;
using Microsoft.Extensions.Options;

namespace Berth.Core.Identity.Directories;

/// <summary>
/// <see cref="IUserDirectory"/>: one password per user (slot <c>password</c>, no expiry), hashed. Names compare
/// case-insensitively. Deleting or disabling the last enabled server Owner is refused (Conflict).
/// </summary>
public sealed class UserDirectory(
    IPrincipalStore principals,
    ISecretStore secrets,
    SecretHasher hasher,
    OwnerGuard owners,
    IdentityVersion version,
    AuditEntries audit,
    IOptions<IdentityOptions> options,
    TimeProvider time) : IUserDirectory
{
    public const string Slot = "password";

    public async Task<Issued<UserInfo>> CreateAsync(string username, string? password, Principal actor, CancellationToken ct)
    {
        IdentityNames.RequireUsername(username, "a username");
        var chosen = Passwords.ChooseOrGenerate(password, options.Value.MinimumPasswordLength);
        var now = time.GetUtcNow();
        var record = new PrincipalRecord(PrincipalIds.NewId(PrincipalKind.User), PrincipalKind.User, username, null, true, now);
        var secret = new SecretRecord(record.Id, Slot, hasher.Hash(chosen), null, now, null);
        var outcome = await principals.InsertAsync(record, [secret], audit.Change("user.create", actor, Target(username), $"id={record.Id}"), ct);
        Outcomes.Require(outcome, $"user '{username}'");
        version.Invalidate();
        return new Issued<UserInfo>(Info(record), chosen);
    }

    public async Task<IReadOnlyList<UserInfo>> ListAsync(CancellationToken ct) =>
        (await principals.ListAsync(PrincipalKind.User, null, ct)).Select(Info).ToList();

    public async Task<UserInfo?> GetAsync(string username, CancellationToken ct) =>
        await FindAsync(username, ct) is { } record ? Info(record) : null;

    public async Task<bool> DeleteAsync(string username, Principal actor, CancellationToken ct)
    {
        if (await FindAsync(username, ct) is not { } record)
        {
            return false;
        }

        await owners.EnsureAnotherOwnerAsync(record.Id, null, ct);
        var deleted = await principals.DeleteAsync(record.Id, audit.Change("user.delete", actor, Target(record.Name), $"id={record.Id}"), ct);
        version.Invalidate();
        return deleted;
    }

    public async Task<Issued<UserInfo>?> ResetPasswordAsync(string username, string? password, Principal actor, CancellationToken ct)
    {
        if (await FindAsync(username, ct) is not { } record)
        {
            return null;
        }

        var chosen = Passwords.ChooseOrGenerate(password, options.Value.MinimumPasswordLength);
        var secret = new SecretRecord(record.Id, Slot, hasher.Hash(chosen), null, time.GetUtcNow(), null);
        var stored = await secrets.PutAsync(secret, replaceOthers: true, audit.Change("user.reset-password", actor, Target(record.Name)), ct);
        version.Invalidate();
        return stored ? new Issued<UserInfo>(Info(record), chosen) : null;
    }

    public async Task<UserInfo?> SetEnabledAsync(string username, bool enabled, Principal actor, CancellationToken ct)
    {
        if (await FindAsync(username, ct) is not { } record)
        {
            return null;
        }

        if (!enabled)
        {
            await owners.EnsureAnotherOwnerAsync(record.Id, null, ct);
        }

        var action = enabled ? "user.enable" : "user.disable";
        var outcome = await principals.UpdateAsync(record.Id, enabled, null, audit.Change(action, actor, Target(record.Name)), ct);
        version.Invalidate();
        return outcome == StoreOutcome.Done ? Info(record with { Enabled = enabled }) : null;
    }

    private async Task<PrincipalRecord?> FindAsync(string username, CancellationToken ct) =>
        IdentityNames.IsValidUsername(username) ? await principals.FindByNameAsync(PrincipalKind.User, null, username, ct) : null;

    private static UserInfo Info(PrincipalRecord r) => new(r.Id, r.Name, r.Enabled, r.CreatedAt);

    private static string Target(string username) => $"users/{username}";
}
