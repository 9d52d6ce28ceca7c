namespace Berth.Core.Identity;

/// <summary>Why a credential check failed. Callers show one generic message for all but RateLimited.</summary>
public enum AuthenticationFailure
{
    None,
    InvalidCredentials,
    Expired,
    Disabled,
    RateLimited,
}

/// <summary>A principal, or why there is none; <see cref="RetryAfter"/> accompanies RateLimited.</summary>
public sealed record AuthenticationResult(Principal? Principal, AuthenticationFailure Failure, TimeSpan? RetryAfter = null)
{
    public static AuthenticationResult Success(Principal principal) => new(principal, AuthenticationFailure.None);

    public static AuthenticationResult Fail(AuthenticationFailure failure, TimeSpan? retryAfter = null) => new(null, failure, retryAfter);
}

/// <summary>
/// Turns credentials into principals and principals into grants. Implementations hash-compare secrets in
/// constant time, cache successful verifications briefly (invalidated by any identity change), rate-limit
/// failures per identity and per source address, and audit every success and failure. Thread-safe.
/// </summary>
public interface IAuthenticator
{
    /// <summary>
    /// Verifies basic credentials presented to a registry. The username selects the method: a user name, a
    /// service principal app id, a repository-scoped token name of that registry, or the registry's admin
    /// user name (only while the admin user is enabled).
    /// </summary>
    Task<AuthenticationResult> AuthenticateAsync(long registryId, string username, string secret, string? sourceAddress, CancellationToken ct);

    /// <summary>
    /// The principal named in an issued token if it may still act now (exists, enabled, not expired); null
    /// otherwise. Called on every request that carries a token, so it is cached and invalidated on change.
    /// </summary>
    Task<Principal?> GetActiveAsync(string principalId, CancellationToken ct);

    /// <summary>
    /// Every grant relevant to <paramref name="registryId"/>: role assignments at server, registry and repository
    /// scope; a token's scope map; the admin user's full access; anonymous pull when the registry allows it.
    /// </summary>
    Task<IReadOnlyList<Grant>> GetGrantsAsync(Principal principal, long registryId, CancellationToken ct);
}
