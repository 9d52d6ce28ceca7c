using Berth.Core.Identity.Secrets;
using Berth.Core.Identity.Stores;

namespace Berth.Core.Identity.Authentication;

/// <summary>The principal a credential proved, or why it proved none; <see cref="ValidUntil"/> bounds caching.</summary>
public sealed record VerifiedCredential(PrincipalRecord? Principal, AuthenticationFailure Failure, DateTimeOffset? ValidUntil, string? Method);

/// <summary>
/// Finds who a username can mean in a registry and checks the secret against their stored hashes. The
/// username may name, in this order: the registry's admin user (its name is the registry's), a repository
/// token of the registry, a service principal (app id), or a user. Every candidate is tried, so a clash of
/// names costs time but never grants the wrong identity. Thread-safe.
/// </summary>
public sealed class CredentialVerifier(IPrincipalStore principals, ISecretStore secrets, IRegistryAccessStore registries, SecretHasher hasher, TimeProvider time)
{
    public async Task<VerifiedCredential> VerifyAsync(long registryId, string username, string secret, CancellationToken ct)
    {
        var candidates = await CandidatesAsync(registryId, username, ct);
        if (candidates.Count == 0)
        {
            hasher.VerifyDecoy(secret);
            return new VerifiedCredential(null, AuthenticationFailure.InvalidCredentials, null, null);
        }

        var now = time.GetUtcNow();
        VerifiedCredential? refusal = null;
        foreach (var candidate in candidates)
        {
            var stored = await secrets.ListAsync(candidate.Id, ct);

            // Live secrets first; expired ones are only hashed to tell "expired" from "wrong", on the failure path.
            var live = stored.FirstOrDefault(s => !s.IsExpired(now) && SecretHasher.Verify(secret, s.Hash));
            if (live is not null)
            {
                if (candidate.Enabled)
                {
                    return new VerifiedCredential(candidate, AuthenticationFailure.None, live.ExpiresAt, Method(candidate.Kind));
                }

                refusal ??= new VerifiedCredential(candidate, AuthenticationFailure.Disabled, null, Method(candidate.Kind));
                continue;
            }

            if (stored.Any(s => s.IsExpired(now) && SecretHasher.Verify(secret, s.Hash)))
            {
                refusal ??= new VerifiedCredential(candidate, AuthenticationFailure.Expired, null, Method(candidate.Kind));
            }
        }

        if (refusal is not null)
        {
            return refusal;
        }

        // A single candidate is the usual case; name it in the audit entry.
        return new VerifiedCredential(candidates.Count == 1 ? candidates[0] : null, AuthenticationFailure.InvalidCredentials, null, null);
    }

    private async Task<List<PrincipalRecord>> CandidatesAsync(long registryId, string username, CancellationToken ct)
    {
        var found = new List<PrincipalRecord>(1);
        var registry = await registries.GetAsync(registryId, ct);
        if (registry is not null && string.Equals(registry.Name, username, StringComparison.OrdinalIgnoreCase)
            && await principals.GetAsync(PrincipalIds.Admin(registryId), ct) is { } admin)
        {
            found.Add(admin);
        }

        if (Directories.IdentityNames.IsValidResourceName(username)
            && await principals.FindByNameAsync(PrincipalKind.RepositoryToken, registryId, username, ct) is { } token)
        {
            found.Add(token);
        }

        if (Guid.TryParse(username, out var appId)
            && await principals.FindByAppIdAsync(appId.ToString("D"), ct) is { } sp)
        {
            found.Add(sp);
        }

        if (Directories.IdentityNames.IsValidUsername(username)
            && await principals.FindByNameAsync(PrincipalKind.User, null, username, ct) is { } user)
        {
            found.Add(user);
        }

        return found;
    }

    private static string Method(PrincipalKind kind) => kind switch
    {
        PrincipalKind.AdminUser => "admin",
        PrincipalKind.RepositoryToken => "token",
        PrincipalKind.ServicePrincipal => "service-principal",
        _ => "user",
    };
}
