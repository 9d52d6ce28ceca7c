using System.Security.Cryptography;
using System.Text;
using Berth.Core.Oci;

namespace Berth.Core.Tests.Oci;

public sealed class DigestTests
{
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string AbcSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private const string AbcSha512 =
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

    private static readonly string Hex64 = new('a', 64);
    private static readonly string Hex128 = new('0', 128);

    [Theory]
    [InlineData("sha256:" + EmptySha256, "sha256", EmptySha256)]
    [InlineData("sha256:" + AbcSha256, "sha256", AbcSha256)]
    [InlineData("sha512:" + AbcSha512, "sha512", AbcSha512)]
    public void TryParse_accepts_sha256_and_sha512_with_exact_lowercase_hex(string text, string algorithm, string hex)
    {
        Assert.True(Digest.TryParse(text, out var digest));
        Assert.Equal(algorithm, digest.Algorithm);
        Assert.Equal(hex, digest.Hex);
        Assert.Equal(text, digest.ToString());
        Assert.Equal(digest, Digest.Parse(text));
    }

    public static TheoryData<string?> Invalid => new()
    {
        null,
        "",
        "sha256",
        "sha256:",
        ":" + new string('a', 64),
        "sha256:" + new string('a', 63),
        "sha256:" + new string('a', 65),
        "sha256:" + new string('A', 64),
        "sha256:" + AbcSha256.ToUpperInvariant(),
        "sha256:" + new string('g', 64),
        "sha256:" + new string('a', 128),
        "sha512:" + new string('a', 64),
        "sha512:" + new string('a', 127),
        "SHA256:" + new string('a', 64),
        "sha384:" + new string('a', 96),
        "md5:" + new string('a', 32),
        "sha256+b64u:" + new string('a', 64),
        " sha256:" + new string('a', 64),
        "sha256:" + new string('a', 64) + "\n",
        "sha256:" + new string('a', 64) + " ",
        "sha256::" + new string('a', 63),
        "sha256:" + new string('a', 32) + ":" + new string('a', 31),
        "sha256:../../../../etc/passwd",
        "sha256:" + "../" + new string('a', 61),
        "sha256:" + new string('a', 60) + "/../",
        "../sha256:" + new string('a', 64),
        "sha256/..:" + new string('a', 64),
        "sha256:" + new string('a', 62) + "\\a",
        "sha256:" + new string('a', 63) + "\0",
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryParse_rejects_anything_else(string? text)
    {
        Assert.False(Digest.TryParse(text, out var digest));
        Assert.Equal(default, digest);
        Assert.Throws<FormatException>(() => Digest.Parse(text!));
    }

    [Fact]
    public void Default_digest_prints_as_empty_and_equality_is_by_value()
    {
        Assert.Equal(string.Empty, default(Digest).ToString());
        Assert.Equal(Digest.Parse("sha256:" + Hex64), Digest.Parse("sha256:" + Hex64));
        Assert.NotEqual(Digest.Parse("sha256:" + Hex64), Digest.Parse("sha512:" + Hex128));
    }

    [Theory]
    [InlineData("sha256", true)]
    [InlineData("sha512", true)]
    [InlineData("sha384", false)]
    [InlineData("SHA256", false)]
    [InlineData("", false)]
    public void IsSupportedAlgorithm_knows_sha256_and_sha512(string algorithm, bool supported) =>
        Assert.Equal(supported, Digest.IsSupportedAlgorithm(algorithm));

    [Theory]
    [InlineData("sha256:abc", true)]
    [InlineData("md5:whatever", true)]
    [InlineData("latest", false)]
    [InlineData("v1.0", false)]
    public void LooksLikeDigest_is_true_for_anything_with_a_colon(string value, bool expected) =>
        Assert.Equal(expected, Digest.LooksLikeDigest(value));

    [Fact]
    public void Compute_matches_the_known_test_vectors()
    {
        Assert.Equal("sha256:" + EmptySha256, Digest.Compute([]).ToString());
        Assert.Equal("sha256:" + AbcSha256, Digest.Compute("abc"u8).ToString());
        Assert.Equal("sha256:" + AbcSha256, Digest.Compute(Digest.Sha256, "abc"u8).ToString());
        Assert.Equal("sha512:" + AbcSha512, Digest.Compute(Digest.Sha512, "abc"u8).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("{\"schemaVersion\":2}")]
    public void Compute_FromHash_and_Parse_round_trip(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var sha256 = Digest.Compute(bytes);
        var sha512 = Digest.Compute(Digest.Sha512, bytes);

        Assert.Equal(sha256, Digest.FromHash(Digest.Sha256, SHA256.HashData(bytes)));
        Assert.Equal(sha512, Digest.FromHash(Digest.Sha512, SHA512.HashData(bytes)));
        Assert.Equal(sha256, Digest.Parse(sha256.ToString()));
        Assert.Equal(sha512, Digest.Parse(sha512.ToString()));
        Assert.Equal(Convert.FromHexString(sha256.Hex), SHA256.HashData(bytes));
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("sha512")]
    public void CreateHasher_hashes_incrementally_to_the_same_digest_as_Compute(string algorithm)
    {
        using var hasher = Digest.CreateHasher(algorithm);
        hasher.AppendData("ab"u8);
        hasher.AppendData("c"u8);

        Assert.Equal(Digest.Compute(algorithm, "abc"u8), Digest.FromHash(algorithm, hasher.GetHashAndReset()));
    }

    [Theory]
    [InlineData("md5")]
    [InlineData("sha384")]
    [InlineData("SHA256")]
    [InlineData("")]
    public void Unsupported_algorithms_throw_instead_of_silently_hashing_with_sha256(string algorithm)
    {
        Assert.Throws<ArgumentException>(() => Digest.Compute(algorithm, "abc"u8));
        Assert.Throws<ArgumentException>(() => Digest.CreateHasher(algorithm));
        Assert.Throws<ArgumentException>(() => Digest.FromHash(algorithm, SHA256.HashData("abc"u8)));
    }

    [Fact]
    public void FromHash_rejects_a_hash_of_the_wrong_length()
    {
        Assert.Throws<ArgumentException>(() => Digest.FromHash(Digest.Sha256, SHA512.HashData("abc"u8)));
        Assert.Throws<ArgumentException>(() => Digest.FromHash(Digest.Sha512, SHA256.HashData("abc"u8)));
        Assert.Throws<ArgumentException>(() => Digest.FromHash(Digest.Sha256, []));
    }
}
