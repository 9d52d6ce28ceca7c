using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Berth.Core.Oci;

/// <summary>
/// A validated content digest: <c>sha256:</c> followed by 64, or <c>sha512:</c> followed by 128,
/// lowercase hex characters. Anything else is rejected by <see cref="TryParse"/>, so a
/// <see cref="Digest"/> is always safe to use in a storage key or file path.
/// </summary>
public readonly record struct Digest
{
    public const string Sha256 = "sha256";
    public const string Sha512 = "sha512";

    private Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    public string Algorithm { get; }

    public string Hex { get; }

    public override string ToString() => Algorithm is null ? string.Empty : $"{Algorithm}:{Hex}";

    /// <summary>Parses a digest string; false for unknown algorithms, wrong lengths, or non-lowercase-hex.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out Digest digest)
    {
        digest = default;
        if (value is null)
        {
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var algorithm = value[..colon];
        var hex = value[(colon + 1)..];
        var expected = HexLength(algorithm);
        if (expected == 0 || hex.Length != expected || !IsLowerHex(hex))
        {
            return false;
        }

        digest = new Digest(algorithm == Sha256 ? Sha256 : Sha512, hex);
        return true;
    }

    /// <summary>True when the string looks like a digest (algorithm:encoded) even if it is not a supported one.</summary>
    public static bool LooksLikeDigest(string value) => value.Contains(':', StringComparison.Ordinal);

    /// <summary>Whether <paramref name="algorithm"/> is one Berth can compute.</summary>
    public static bool IsSupportedAlgorithm(string algorithm) => HexLength(algorithm) != 0;

    public static Digest Parse(string value) =>
        TryParse(value, out var d) ? d : throw new FormatException($"invalid digest '{value}'");

    /// <summary>The digest of a finished hash. Throws when the algorithm is unsupported or the hash has the wrong length.</summary>
    public static Digest FromHash(string algorithm, ReadOnlySpan<byte> hash)
    {
        var expected = HexLength(algorithm);
        if (expected == 0 || hash.Length * 2 != expected)
        {
            throw new ArgumentException($"a {hash.Length}-byte hash is not a {algorithm} digest", nameof(hash));
        }

        return new(algorithm == Sha256 ? Sha256 : Sha512, Convert.ToHexStringLower(hash));
    }

    public static Digest Compute(ReadOnlySpan<byte> content) => FromHash(Sha256, SHA256.HashData(content));

    /// <summary>Hashes <paramref name="content"/>; throws <see cref="ArgumentException"/> for an unsupported algorithm.</summary>
    public static Digest Compute(string algorithm, ReadOnlySpan<byte> content) => algorithm switch
    {
        Sha256 => FromHash(Sha256, SHA256.HashData(content)),
        Sha512 => FromHash(Sha512, SHA512.HashData(content)),
        _ => throw Unsupported(algorithm),
    };

    /// <summary>An incremental hasher for <paramref name="algorithm"/>; throws for an unsupported algorithm.</summary>
    public static IncrementalHash CreateHasher(string algorithm) => algorithm switch
    {
        Sha256 => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
        Sha512 => IncrementalHash.CreateHash(HashAlgorithmName.SHA512),
        _ => throw Unsupported(algorithm),
    };

    // Silently hashing with sha256 would produce a digest that never matches the client's.
    private static ArgumentException Unsupported(string algorithm) =>
        new($"unsupported digest algorithm '{algorithm}'", nameof(algorithm));

    private static int HexLength(string algorithm) => algorithm switch
    {
        Sha256 => 64,
        Sha512 => 128,
        _ => 0,
    };

    private static bool IsLowerHex(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
