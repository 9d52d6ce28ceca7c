using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Berth.Core.Identity.Secrets;

/// <summary>
/// Slow salted hashes for passwords and secrets: PBKDF2-HMAC-SHA256 with a 16-byte random salt and a 32-byte
/// result, encoded as <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt base64&gt;$&lt;hash base64&gt;</c> so the cost can rise
/// later without invalidating stored hashes. Comparisons are constant-time. Thread-safe.
/// </summary>
public sealed class SecretHasher
{
    public const string Algorithm = "pbkdf2-sha256";
    private const int SaltSize = 16;
    private const int HashSize = 32;
    private const int MaxSecretLength = 1024;
    private readonly int iterations;
    private readonly Lazy<string> decoy;

    public SecretHasher(IOptions<IdentityOptions> options)
    {
        iterations = options.Value.PasswordHashIterations;

        // Unknown usernames are checked against this, so a miss costs as much as a wrong password.
        decoy = new Lazy<string>(() => Hash(SecretGenerator.NewSecret()));
    }

    /// <summary>A new encoded hash of <paramref name="secret"/> with the configured cost.</summary>
    public string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, HashSize);
        return $"{Algorithm}${iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>Whether <paramref name="secret"/> matches <paramref name="encoded"/>; false for malformed or unknown encodings.</summary>
    public static bool Verify(string secret, string encoded)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length > MaxSecretLength || !TryParse(encoded, out var cost, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, cost, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the time of one verification without a stored hash (unknown identities).</summary>
    public void VerifyDecoy(string secret) => _ = Verify(secret, decoy.Value);

    private static bool TryParse(string encoded, out int cost, out byte[] salt, out byte[] hash)
    {
        cost = 0;
        salt = hash = [];
        var parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != Algorithm
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out cost) || cost is < 1 or > 10_000_000)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && hash.Length >= 16;
    }
}
