namespace Berth.Core.Identity;

/// <summary>
/// Users (individual identities). Names are unique, 1–64 chars of <c>[a-zA-Z0-9._@-]</c>; a generated password
/// is returned when none is given. Every change is audited with <paramref name="actor"/>. Thread-safe;
/// methods return null/false for unknown users and throw <see cref="IdentityException"/> for invalid input
/// or conflicts.
/// </summary>
public interface IUserDirectory
{
    Task<Issued<UserInfo>> CreateAsync(string username, string? password, Principal actor, CancellationToken ct);

    Task<IReadOnlyList<UserInfo>> ListAsync(CancellationToken ct);

    Task<UserInfo?> GetAsync(string username, CancellationToken ct);

    Task<bool> DeleteAsync(string username, Principal actor, CancellationToken ct);

    Task<Issued<UserInfo>?> ResetPasswordAsync(string username, string? password, Principal actor, CancellationToken ct);

    Task<UserInfo?> SetEnabledAsync(string username, bool enabled, Principal actor, CancellationToken ct);
}
