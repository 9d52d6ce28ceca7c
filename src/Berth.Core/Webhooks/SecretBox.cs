using System.Security.Cryptography;
using System.Text;

namespace Berth.Core.Webhooks;

/// <summary>
/// Seals webhook secrets and custom header values before they reach the database: AES-256-GCM under a local key
/// file (created on first use, mode 0600), so a copy of the database alone reveals none of them. Sealed form:
/// version byte, 12-byte nonce, 16-byte tag, ciphertext. Customer-managed keys will replace the local key file.
/// Thread-safe.
/// </summary>
public sealed class SecretBox
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public SecretBox(string keyFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyFile);
        _key = LoadOrCreate(Path.GetFullPath(keyFile));
    }

    public byte[] Seal(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[1 + NonceSize + TagSize + plain.Length];
        sealedBytes[0] = Version;
        var nonce = sealedBytes.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(1 + NonceSize + TagSize), sealedBytes.AsSpan(1 + NonceSize, TagSize));
        return sealedBytes;
    }

    /// <summary>The plaintext; throws <see cref="CryptographicException"/> when the value was not sealed with this key.</summary>
    public string Open(byte[] sealedBytes)
    {
        ArgumentNullException.ThrowIfNull(sealedBytes);
        if (sealedBytes.Length < 1 + NonceSize + TagSize || sealedBytes[0] != Version)
        {
            throw new CryptographicException("not a sealed webhook secret");
        }

        var plain = new byte[sealedBytes.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(1, NonceSize), sealedBytes.AsSpan(1 + NonceSize + TagSize), sealedBytes.AsSpan(1 + NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            return existing.Length == 32 ? existing : throw new InvalidOperationException($"webhook secret key file '{path}' is not 32 bytes; restore it from backup");
        }

        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var key = RandomNumberGenerator.GetBytes(32);
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temp, options))
        {
            file.Write(key);
        }

        // Another process may have created it meanwhile: keep whichever came first.
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return File.ReadAllBytes(path);
        }

        return key;
    }
}
