using System.Buffers.Text;
using System.Security.Cryptography;

namespace Berth.Core.Identity.Secrets;

/// <summary>Random secrets and identifiers from the operating system's CSPRNG. Thread-safe.</summary>
public static class SecretGenerator
{
    /// <summary>Bytes of entropy in a generated secret (256 bits).</summary>
    public const int SecretBytes = 32;

    /// <summary>A new secret: 32 random bytes as unpadded base64url (43 characters, safe in URLs and shells).</summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>A new identifier with a kind prefix, e.g. <c>usr_3f2a…</c> (80 random bits as hex).</summary>
    public static string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
}
