using Berth.Core.Identity.Caching;
using Berth.Core.Identity.Stores;
using Microsoft.Extensions.Options;

namespace Berth.Core.Identity.Authentication;

/// <summary>
/// Whether a principal named in an issued token may still act: it exists and is enabled; service principals
/// and repository tokens also need at least one unexpired secret (removing or expiring the last one ends
/// their refresh tokens too). Results, negative ones included, are cached per identity version and never
/// past the latest secret expiry. Thread-safe.
/// </summary>
public sealed class ActivePrincipals(IPrincipalStore principals, ISecretStore secrets, IdentityVersion version, IOptions<IdentityOptions> options, TimeProvider time)
{
    private readonly VersionedCache<string, Principal?> cache = new(options.Value.CacheMaxEntries, time);
    private readonly TimeSpan duration = options.Value.CredentialCacheDuration;

    public async Task<Principal?> GetActiveAsync(string principalId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(principalId))
        {
            return null;
        }

        if (principalId == Principal.Anonymous.Id)
        {
            return Principal.Anonymous;
        }

        var current = await version.CurrentAsync(ct);
        if (cache.TryGet(principalId, current, out var cached))
        {
            return cached;
        }

        var now = time.GetUtcNow();
        var until = now + duration;
        Principal? active = null;
        var record = await principals.GetAsync(principalId, ct);
        if (record is { Enabled: true })
        {
            active = record.ToPrincipal();
            if (record.Kind is PrincipalKind.ServicePrincipal or PrincipalKind.RepositoryToken)
            {
                var live = (await secrets.ListAsync(principalId, ct)).Where(s => !s.IsExpired(now)).ToList();
                if (live.Count == 0)
                {
                    active = null;
                }
                else if (live.All(s => s.ExpiresAt is not null))
                {
                    var last = live.Max(s => s.ExpiresAt!.Value);
                    until = last < until ? last : until;
                }
            }
        }

        cache.Set(principalId, active, current, until);
        return active;
    }
}
