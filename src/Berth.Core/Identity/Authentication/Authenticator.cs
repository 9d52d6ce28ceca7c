using System.Globalization;
using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Caching;
using Microsoft.Extensions.Options;

namespace Berth.Core.Identity.Authentication;

/// <summary>
/// <see cref="IAuthenticator"/>: rate limit → credential cache → hash check. A credential verified against its
/// stored hash is cached for <see cref="IdentityOptions.CredentialCacheDuration"/> (never past the secret's
/// expiry) and the cache is tied to the identity version, so any identity change takes effect on the next
/// request. Failures count per username and per source address; past the limit attempts are refused without
/// a hash check. Every verification is audited (<c>login.success</c> / <c>login.failure</c> with the reason,
/// never the secret); cache hits are not, which keeps Basic-auth pulls cheap. Thread-safe.
/// </summary>
public sealed class Authenticator : IAuthenticator
{
    private readonly CredentialVerifier verifier;
    private readonly ActivePrincipals active;
    private readonly GrantResolver grants;
    private readonly IdentityVersion version;
    private readonly IAuditLog audit;
    private readonly AuditEntries entries;
    private readonly TimeProvider time;
    private readonly TimeSpan cacheDuration;
    private readonly CredentialCache credentials;
    private readonly FailureLimiter byIdentity;
    private readonly FailureLimiter byAddress;

    public Authenticator(
        CredentialVerifier verifier,
        ActivePrincipals active,
        GrantResolver grants,
        IdentityVersion version,
        IAuditLog audit,
        AuditEntries entries,
        IOptions<IdentityOptions> options,
        TimeProvider time)
    {
        this.verifier = verifier;
        this.active = active;
        this.grants = grants;
        this.version = version;
        this.audit = audit;
        this.entries = entries;
        this.time = time;
        var o = options.Value;
        cacheDuration = o.CredentialCacheDuration;
        credentials = new CredentialCache(o.CacheMaxEntries, time);
        byIdentity = new FailureLimiter(o.MaxFailuresPerIdentity, o.FailureWindow, time);
        byAddress = new FailureLimiter(o.MaxFailuresPerAddress, o.FailureWindow, time);
    }

    public async Task<AuthenticationResult> AuthenticateAsync(long registryId, string username, string secret, string? sourceAddress, CancellationToken ct)
    {
        var target = $"registries/{registryId.ToString(CultureInfo.InvariantCulture)}";
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(secret) || username.Length > 256)
        {
            return await FailAsync(Unknown(username), target, sourceAddress, AuthenticationFailure.InvalidCredentials, IdentityKey(registryId, username ?? string.Empty), ct);
        }

        var identityKey = IdentityKey(registryId, username);
        var wait = Max(byIdentity.RetryAfter(identityKey), sourceAddress is null ? null : byAddress.RetryAfter(sourceAddress));
        if (wait is not null)
        {
            // One audit row when a lockout starts, not one per refused request.
            if (byIdentity.NoteRefusal(identityKey) | (sourceAddress is not null && byAddress.NoteRefusal(sourceAddress)))
            {
                await audit.AppendAsync(entries.Login(false, Unknown(username), target, sourceAddress, "rate-limited"), ct);
            }

            return AuthenticationResult.Fail(AuthenticationFailure.RateLimited, wait);
        }

        var current = await version.CurrentAsync(ct);
        var cacheKey = credentials.Key(registryId, username, secret);
        if (credentials.TryGet(cacheKey, current, out var cached))
        {
            return AuthenticationResult.Success(cached);
        }

        var verified = await verifier.VerifyAsync(registryId, username, secret, ct);
        if (verified.Failure != AuthenticationFailure.None || verified.Principal is null)
        {
            var actor = verified.Principal?.Id ?? Unknown(username);
            return await FailAsync(actor, target, sourceAddress, verified.Failure, identityKey, ct);
        }

        var principal = verified.Principal.ToPrincipal();
        var until = time.GetUtcNow() + cacheDuration;
        credentials.Set(cacheKey, principal, current, verified.ValidUntil is { } expires && expires < until ? expires : until);
        byIdentity.Reset(identityKey);
        await audit.AppendAsync(entries.Login(true, principal.Id, target, sourceAddress, $"method={verified.Method}"), ct);
        return AuthenticationResult.Success(principal);
    }

    public Task<Principal?> GetActiveAsync(string principalId, CancellationToken ct) => active.GetActiveAsync(principalId, ct);

    public Task<IReadOnlyList<Grant>> GetGrantsAsync(Principal principal, long registryId, CancellationToken ct) => grants.GetGrantsAsync(principal, registryId, ct);

    private async Task<AuthenticationResult> FailAsync(string actor, string target, string? sourceAddress, AuthenticationFailure failure, string identityKey, CancellationToken ct)
    {
        byIdentity.RecordFailure(identityKey);
        if (sourceAddress is not null)
        {
            byAddress.RecordFailure(sourceAddress);
        }

        await audit.AppendAsync(entries.Login(false, actor, target, sourceAddress, Reason(failure)), ct);
        return AuthenticationResult.Fail(failure);
    }

    private static string IdentityKey(long registryId, string username) =>
        $"{registryId.ToString(CultureInfo.InvariantCulture)}:{username.ToUpperInvariant()}";

    // The attempted name helps investigate; it is cut short in case a password was typed into it.
    private static string Unknown(string? username) =>
        "unknown:" + (username is null ? string.Empty : username.Length > 64 ? username[..64] : username);

    private static string Reason(AuthenticationFailure failure) => failure switch
    {
        AuthenticationFailure.Expired => "expired",
        AuthenticationFailure.Disabled => "disabled",
        AuthenticationFailure.RateLimited => "rate-limited",
        _ => "invalid-credentials",
    };

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
