using System.Security.Cryptography;
using System.Text;
using Berth.Core.Identity.Caching;

namespace Berth.Core.Identity.Authentication;

/// <summary>
/// Recently verified credentials, keyed by HMAC-SHA256 over (registry, username, secret) with a key that lives only
/// in this process, so neither the secret nor an offline-guessable hash of it is ever held. Entries are tied to
/// the identity version and end at the secret's expiry at the latest. Thread-safe.
/// </summary>
public sealed class CredentialCache(int maxEntries, TimeProvider time)
{
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly VersionedCache<string, Principal> entries = new(maxEntries, time);

    public string Key(long registryId, string username, string secret)
    {
        // Length prefixes keep ("ab","c") and ("a","bc") apart.
        var text = $"{registryId}\n{username.Length}:{username}\n{secret}";
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }

    public bool TryGet(string cacheKey, long version, out Principal principal) => entries.TryGet(cacheKey, version, out principal);

    public void Set(string cacheKey, Principal principal, long version, DateTimeOffset until) => entries.Set(cacheKey, principal, version, until);
}
