using Berth.Core.Identity;
using Berth.Core.Identity.Authentication;
using Berth.Core.Identity.Secrets;
using Berth.Identity.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Berth.Identity.Tests.Services;

public sealed class SecretTests
{
    private static SecretHasher Hasher(int iterations = 1_000) => new(Options.Create(new IdentityOptions { PasswordHashIterations = iterations }));

    [Fact]
    public void Generated_secrets_are_43_base64url_characters_of_fresh_randomness()
    {
        var secrets = Enumerable.Range(0, 200).Select(_ => SecretGenerator.NewSecret()).ToList();

        Assert.All(secrets, s => Assert.Matches("^[A-Za-z0-9_-]{43}$", s));
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
    }

    [Fact]
    public void The_default_cost_is_pbkdf2_sha256_with_600000_iterations_a_16_byte_salt_and_a_32_byte_hash()
    {
        var options = new IdentityOptions();
        var encoded = new SecretHasher(Options.Create(options)).Hash("correct horse battery staple");
        var parts = encoded.Split('$');

        Assert.Equal(600_000, options.PasswordHashIterations);
        Assert.Equal(["pbkdf2-sha256", "600000"], parts[..2]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.True(SecretHasher.Verify("correct horse battery staple", encoded));
    }

    [Fact]
    public void Hashes_are_salted_and_verify_only_the_same_secret()
    {
        var hasher = Hasher();
        var a = hasher.Hash("s3cret-password");
        var b = hasher.Hash("s3cret-password");

        Assert.NotEqual(a, b);
        Assert.True(SecretHasher.Verify("s3cret-password", a));
        Assert.False(SecretHasher.Verify("s3cret-passworD", a));
        Assert.False(SecretHasher.Verify("", a));
        Assert.DoesNotContain("s3cret", a, StringComparison.Ordinal);
    }

    [Fact]
    public void Hashes_made_at_an_older_cost_still_verify_after_the_cost_rises()
    {
        var old = Hasher(1_000).Hash("pw-from-2024");

        Assert.StartsWith("pbkdf2-sha256$2000$", Hasher(2_000).Hash("x"), StringComparison.Ordinal);
        Assert.True(SecretHasher.Verify("pw-from-2024", old));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("md5$1$AAAA$BBBB")]
    [InlineData("pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$99999999$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$-1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1000$not base64$AAAA")]
    [InlineData("pbkdf2-sha256$1000$AAAA$AAAA")]
    public void Malformed_or_unknown_encodings_never_verify(string encoded) =>
        Assert.False(SecretHasher.Verify("anything", encoded));

    [Fact]
    public void A_tampered_hash_does_not_verify()
    {
        var encoded = Hasher().Hash("pw-123456789");
        var parts = encoded.Split('$');
        var hash = Convert.FromBase64String(parts[3]);
        hash[0] ^= 1;

        Assert.False(SecretHasher.Verify("pw-123456789", string.Join('$', parts[0], parts[1], parts[2], Convert.ToBase64String(hash))));
    }

    [Fact]
    public void Principal_ids_carry_their_kind_prefix()
    {
        Assert.StartsWith("usr_", PrincipalIds.NewId(PrincipalKind.User), StringComparison.Ordinal);
        Assert.StartsWith("sp_", PrincipalIds.NewId(PrincipalKind.ServicePrincipal), StringComparison.Ordinal);
        Assert.StartsWith("mi_", PrincipalIds.NewId(PrincipalKind.ManagedIdentity), StringComparison.Ordinal);
        Assert.StartsWith("tok_", PrincipalIds.NewId(PrincipalKind.RepositoryToken), StringComparison.Ordinal);
        Assert.Equal("adm_1", PrincipalIds.Admin(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PrincipalIds.NewId(PrincipalKind.AdminUser));
    }

    [Fact]
    public void The_credential_cache_key_is_keyed_per_process_and_separates_fields()
    {
        var time = new ManualTime(IdentityHarness.T0);
        var one = new CredentialCache(10, time);
        var two = new CredentialCache(10, time);

        Assert.NotEqual(one.Key(1, "ab", "c"), one.Key(1, "a", "bc"));
        Assert.NotEqual(one.Key(1, "a", "b"), one.Key(2, "a", "b"));
        Assert.Equal(one.Key(1, "a", "b"), one.Key(1, "a", "b"));
        Assert.NotEqual(one.Key(1, "a", "b"), two.Key(1, "a", "b"));
        Assert.DoesNotContain("secret-value", one.Key(1, "a", "secret-value"), StringComparison.Ordinal);
    }
}
