namespace Berth.Core.Identity;

/// <summary>
/// A registry's admin user: disabled by default; username = registry name; two passwords (<c>password</c>,
/// <c>password2</c>), each regenerable and shown only when generated. Enabling generates both passwords if
/// none exist and returns them once. Audited; thread-safe.
/// </summary>
public interface IAdminUserService
{
    Task<AdminUserInfo> GetAsync(long registryId, CancellationToken ct);

    /// <summary>Enables the admin user; returns newly generated passwords (empty when they already existed).</summary>
    Task<(AdminUserInfo Admin, IReadOnlyDictionary<string, string> NewPasswords)> EnableAsync(long registryId, Principal actor, CancellationToken ct);

    Task<AdminUserInfo> DisableAsync(long registryId, Principal actor, CancellationToken ct);

    Task<Issued<AdminUserInfo>> RegeneratePasswordAsync(long registryId, string slot, Principal actor, CancellationToken ct);
}
