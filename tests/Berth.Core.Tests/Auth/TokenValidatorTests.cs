using Berth.Api.Auth;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Berth.Core.Tests.Auth;

/// <summary>The key ring and validator without a server: lifetimes on a controlled clock, rotation, restarts.</summary>
public sealed class TokenValidatorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "berth-keys-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTime _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly IOptions<AuthOptions> _options = Options.Create(new AuthOptions());

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private SigningKeyRing Ring() => new(_directory, _options, _time, NullLogger<SigningKeyRing>.Instance);

    [Fact]
    public async Task Access_token_is_valid_until_expiry_plus_skew_and_cached_result_honours_expiry()
    {
        var ring = Ring();
        var issuer = new TokenIssuer(ring, _options, _time);
        var validator = new TokenValidator(ring, _options, _time);
        var token = issuer.CreateAccessToken("usr_1", "registry.test", 1, [new AccessEntry("repository", "a", ["pull"])]).Value;

        var valid = await validator.ValidateAsync(token, TokenKind.Access);
        Assert.NotNull(valid);
        Assert.Equal("usr_1", valid.Subject);
        Assert.Equal("registry.test", valid.Audience);
        Assert.Equal(Core.Identity.RepositoryAction.ContentRead | Core.Identity.RepositoryAction.MetadataRead, valid.ActionsOn("a"));
        Assert.Null(await validator.ValidateAsync(token, TokenKind.Refresh));

        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(20));
        Assert.NotNull(await validator.ValidateAsync(token, TokenKind.Access)); // within the 30 s skew
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Null(await validator.ValidateAsync(token, TokenKind.Access));
        Assert.Null(await new TokenValidator(ring, _options, _time).ValidateAsync(token, TokenKind.Access)); // uncached too
    }

    [Fact]
    public async Task Keys_survive_a_restart_and_rotation_keeps_old_tokens_until_they_expire()
    {
        var first = Ring();
        var token = new TokenIssuer(first, _options, _time).CreateRefreshToken("usr_1").Value;
        var restarted = Ring();
        Assert.Equal(first.Keys.Single().KeyId, restarted.Keys.Single().KeyId);
        Assert.NotNull(await new TokenValidator(restarted, _options, _time).ValidateAsync(token, TokenKind.Refresh));

        var rotated = await restarted.RotateAsync(CancellationToken.None);
        Assert.Equal(2, restarted.Keys.Count);
        Assert.NotEqual(first.Keys.Single().KeyId, rotated.KeyId);
        Assert.NotNull(await new TokenValidator(restarted, _options, _time).ValidateAsync(token, TokenKind.Refresh));

        // Once every token of the old key has expired, a restart drops it.
        _time.Advance(TimeSpan.FromHours(4));
        var later = Ring();
        Assert.Equal(rotated.KeyId, later.Keys.Single().KeyId);
        Assert.Null(await new TokenValidator(later, _options, _time).ValidateAsync(token, TokenKind.Refresh));
    }

    [Fact]
    public async Task Garbage_and_oversized_tokens_are_rejected()
    {
        var validator = new TokenValidator(Ring(), _options, _time);
        Assert.Null(await validator.ValidateAsync("", TokenKind.Access));
        Assert.Null(await validator.ValidateAsync("a.b.c", TokenKind.Access));
        Assert.Null(await validator.ValidateAsync(new string('a', 20_000), TokenKind.Access));
    }

    [Fact]
    public void Options_validation_names_the_setting()
    {
        var result = new AuthOptionsValidator().Validate(null, new AuthOptions { AccessTokenLifetime = TimeSpan.Zero, Realm = "ftp://x", Service = "a b" });
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("AccessTokenLifetime", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Realm", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Service", StringComparison.Ordinal));
        Assert.True(new AuthOptionsValidator().Validate(null, new AuthOptions()).Succeeded);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
