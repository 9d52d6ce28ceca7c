using Berth.Core.Identity;
using Berth.Identity.Tests.Infrastructure;
using static Berth.Identity.Tests.Infrastructure.IdentityHarness;

namespace Berth.Identity.Tests.Services;

public sealed class AuthenticatorTests : IDisposable
{
    private readonly IdentityHarness h = new(o =>
    {
        o.MaxFailuresPerIdentity = 3;
        o.MaxFailuresPerAddress = 5;
        o.FailureWindow = TimeSpan.FromMinutes(5);
        o.CredentialCacheDuration = TimeSpan.FromSeconds(60);
    });

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task Wrong_passwords_unknown_users_and_empty_input_fail_with_one_generic_reason()
    {
        await h.Users.CreateAsync("alice", "alice-password-1", Actor, Ct);

        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login("alice", "wrong-password", "10.0.0.1")).Failure);
        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login("nobody", "alice-password-1", "10.0.0.2")).Failure);
        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login("alice", "", "10.0.0.3")).Failure);
        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login("", "x", "10.0.0.4")).Failure);
        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login(Guid.NewGuid().ToString(), "x", "10.0.0.5")).Failure);
        Assert.Null((await h.Login("alice", "wrong-password", "10.0.0.1")).Principal);
    }

    [Fact]
    public async Task Successes_and_failures_are_audited_without_the_secret_and_cache_hits_are_not()
    {
        var alice = await h.Users.CreateAsync("alice", "alice-password-1", Actor, Ct);

        await h.Login("alice", "alice-password-1", "10.0.0.1");
        await h.Login("alice", "alice-password-1", "10.0.0.1");
        await h.Login("alice", "not-her-password", "10.0.0.2");
        await h.Login("mallory", "guess", "10.0.0.3");

        var logins = (await h.AuditTrail()).Where(e => e.Action.StartsWith("login.", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [("login.success", alice.Item.Id, true, "10.0.0.1", "method=user"), ("login.failure", alice.Item.Id, false, "10.0.0.2", "invalid-credentials"), ("login.failure", "unknown:mallory", false, "10.0.0.3", "invalid-credentials")],
            logins.Select(e => (e.Action, e.Actor, e.Success, e.SourceAddress!, e.Detail!)));
        Assert.All(logins, e => Assert.Equal("registries/1", e.Target));
        Assert.DoesNotContain(logins, e => (e.Detail + e.Actor).Contains("password", StringComparison.Ordinal) || (e.Detail + e.Actor).Contains("guess", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_cache_never_outlives_a_secret_expiry()
    {
        var token = await h.Tokens.CreateAsync(Registry, "ci", "_repositories_pull", true, TimeSpan.FromSeconds(30), Actor, Ct);
        Assert.NotNull((await h.Login("ci", token.Secret)).Principal);

        h.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(AuthenticationFailure.Expired, (await h.Login("ci", token.Secret)).Failure);
    }

    [Fact]
    public async Task Cached_credentials_are_re_verified_after_the_cache_duration()
    {
        await h.Users.CreateAsync("alice", "alice-password-1", Actor, Ct);
        await h.Login("alice", "alice-password-1");
        h.Time.Advance(TimeSpan.FromSeconds(30));
        await h.Login("alice", "alice-password-1");
        h.Time.Advance(TimeSpan.FromSeconds(31));
        await h.Login("alice", "alice-password-1");

        Assert.Equal(2, (await h.AuditTrail()).Count(e => e.Action == "login.success"));
    }

    [Fact]
    public async Task Any_identity_change_invalidates_cached_credentials()
    {
        await h.Users.CreateAsync("alice", "alice-password-1", Actor, Ct);
        await h.Login("alice", "alice-password-1");
        await h.Login("alice", "alice-password-1");
        Assert.Equal(1, (await h.AuditTrail()).Count(e => e.Action == "login.success"));

        await h.ManagedIdentities.CreateAsync("unrelated", Actor, Ct);
        await h.Login("alice", "alice-password-1");

        Assert.Equal(2, (await h.AuditTrail()).Count(e => e.Action == "login.success"));
    }

    [Fact]
    public async Task Failures_per_identity_are_rate_limited_even_for_the_right_password_until_the_window_passes()
    {
        await h.Users.CreateAsync("alice", "alice-password-1", Actor, Ct);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login("alice", "wrong", $"10.0.1.{i}")).Failure);
        }

        var limited = await h.Login("ALICE", "alice-password-1", "10.0.2.1");

        Assert.Equal(AuthenticationFailure.RateLimited, limited.Failure);
        Assert.Equal(TimeSpan.FromMinutes(5), limited.RetryAfter);
        Assert.Null(limited.Principal);
        Assert.Equal(AuthenticationFailure.RateLimited, (await h.Login("alice", "alice-password-1", "10.0.2.2")).Failure);
        await h.Users.CreateAsync("bob", "bob-password-12", Actor, Ct);
        Assert.NotNull((await h.Login("bob", "bob-password-12", "10.0.1.0")).Principal);

        h.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.NotNull((await h.Login("alice", "alice-password-1", "10.0.2.1")).Principal);
        var trail = await h.AuditTrail();
        Assert.Single(trail, e => e.Detail == "rate-limited");
    }

    [Fact]
    public async Task Failures_per_source_address_are_rate_limited_across_usernames()
    {
        await h.Users.CreateAsync("alice", "alice-password-1", Actor, Ct);
        for (var i = 0; i < 5; i++)
        {
            await h.Login($"user{i}", "guess", "10.9.9.9");
        }

        var limited = await h.Login("alice", "alice-password-1", "10.9.9.9");

        Assert.Equal(AuthenticationFailure.RateLimited, limited.Failure);
        Assert.NotNull(limited.RetryAfter);
        Assert.NotNull((await h.Login("alice", "alice-password-1", "10.9.9.10")).Principal);
        Assert.NotNull((await h.Login("alice", "alice-password-1", null)).Principal);
    }

    [Fact]
    public async Task A_success_resets_the_identity_count()
    {
        await h.Users.CreateAsync("alice", "alice-password-1", Actor, Ct);
        await h.Login("alice", "wrong", "10.0.0.1");
        await h.Login("alice", "wrong", "10.0.0.2");
        Assert.NotNull((await h.Login("alice", "alice-password-1", "10.0.0.3")).Principal);
        await h.Login("alice", "wrong", "10.0.0.4");
        await h.Login("alice", "wrong", "10.0.0.5");

        Assert.NotNull((await h.Login("alice", "alice-password-1", "10.0.0.6")).Principal);
    }

    [Fact]
    public async Task Parallel_logins_with_the_same_new_credential_share_one_hash_check()
    {
        using var slow = new IdentityHarness(o => o.PasswordHashIterations = 100_000);
        await slow.Users.CreateAsync("alice", "alice-password-1", Actor, Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => slow.Login("alice", "alice-password-1"))));

        Assert.All(results, r => Assert.Equal("alice", r.Principal?.Name));
        Assert.Single(await slow.AuditTrail(), e => e.Action == "login.success");
    }

    [Fact]
    public async Task A_cancelled_login_throws_and_leaves_no_trace()
    {
        await h.Users.CreateAsync("alice", "alice-password-1", Actor, Ct);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Auth.AuthenticateAsync(Registry, "alice", "alice-password-1", null, cancelled.Token));

        Assert.Equal(["user.create"], (await h.AuditTrail()).Select(e => e.Action));
        Assert.NotNull((await h.Login("alice", "alice-password-1")).Principal);
    }

    [Fact]
    public async Task Get_active_knows_anonymous_and_refuses_unknown_ids()
    {
        Assert.Equal(Principal.Anonymous, await h.Auth.GetActiveAsync("anonymous", Ct));
        Assert.Null(await h.Auth.GetActiveAsync("usr_nobody", Ct));
        Assert.Null(await h.Auth.GetActiveAsync("", Ct));
    }

    [Fact]
    public async Task Every_method_logs_in_to_the_principal_it_names()
    {
        var user = await h.Users.CreateAsync("alice", null, Actor, Ct);
        var sp = await h.ServicePrincipals.CreateAsync("ci", null, Actor, Ct);
        var token = await h.Tokens.CreateAsync(Registry, "pull", "_repositories_pull", true, null, Actor, Ct);
        var (_, admin) = await h.Admin.EnableAsync(Registry, Actor, Ct);

        Assert.Equal(PrincipalKind.User, (await h.Login("alice", user.Secret)).Principal!.Kind);
        Assert.Equal(PrincipalKind.ServicePrincipal, (await h.Login(sp.Item.AppId, sp.Secret)).Principal!.Kind);
        Assert.Equal(PrincipalKind.RepositoryToken, (await h.Login("pull", token.Secret)).Principal!.Kind);
        Assert.Equal(PrincipalKind.AdminUser, (await h.Login("default", admin["password"])).Principal!.Kind);
        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login("ci", sp.Secret)).Failure);
    }

    [Fact]
    public async Task Clashing_names_never_grant_the_wrong_identity()
    {
        var user = await h.Users.CreateAsync("ci", "user-password-1", Actor, Ct);
        var token = await h.Tokens.CreateAsync(Registry, "ci", "_repositories_pull", true, null, Actor, Ct);
        await h.Users.CreateAsync("default", "user-password-2", Actor, Ct);
        var (_, admin) = await h.Admin.EnableAsync(Registry, Actor, Ct);

        Assert.Equal(user.Item.Id, (await h.Login("ci", "user-password-1")).Principal!.Id);
        Assert.Equal(token.Item.Id, (await h.Login("ci", token.Secret)).Principal!.Id);
        Assert.Equal("adm_1", (await h.Login("default", admin["password"])).Principal!.Id);
        Assert.Equal(PrincipalKind.User, (await h.Login("default", "user-password-2")).Principal!.Kind);
    }
}
