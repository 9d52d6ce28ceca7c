using Berth.Core.Identity;
using Berth.Identity.Tests.Infrastructure;
using static Berth.Identity.Tests.Infrastructure.IdentityHarness;

namespace Berth.Identity.Tests.Services;

public sealed class RepositoryTokenDirectoryTests : IDisposable
{
    private readonly IdentityHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task Create_returns_password1_once_and_the_token_logs_in_by_name()
    {
        var created = await h.Tokens.CreateAsync(Registry, "ci-pull", "_repositories_pull", true, null, Actor, Ct);

        Assert.StartsWith("tok_", created.Item.Id, StringComparison.Ordinal);
        Assert.Equal((Registry, "ci-pull", "_repositories_pull", true), (created.Item.RegistryId, created.Item.Name, created.Item.ScopeMap, created.Item.Enabled));
        Assert.Equal(["password1"], created.Item.Passwords.Select(p => p.Id));
        Assert.Null(created.Item.Passwords[0].ExpiresAt);
        Assert.Equivalent(created.Item, await h.Tokens.GetAsync(Registry, "CI-PULL", Ct), strict: true);
        Assert.Equivalent(new[] { created.Item }, await h.Tokens.ListAsync(Registry, Ct), strict: true);
        var login = await h.Login("ci-pull", created.Secret);
        Assert.Equal(new Principal(created.Item.Id, PrincipalKind.RepositoryToken, "ci-pull", Registry), login.Principal);
    }

    [Fact]
    public async Task Both_passwords_work_and_regenerating_one_replaces_only_it()
    {
        var created = await h.Tokens.CreateAsync(Registry, "ci", "_repositories_push", true, null, Actor, Ct);
        var p2 = await h.Tokens.GenerateCredentialAsync(Registry, "ci", "password2", TimeSpan.FromDays(7), Actor, Ct);

        Assert.Equal(["password1", "password2"], p2!.Item.Passwords.Select(p => p.Id));
        Assert.Equal(T0 + TimeSpan.FromDays(7), p2.Item.Passwords[1].ExpiresAt);
        Assert.NotNull((await h.Login("ci", created.Secret)).Principal);
        Assert.NotNull((await h.Login("ci", p2.Secret)).Principal);

        var p1 = await h.Tokens.GenerateCredentialAsync(Registry, "ci", "password1", null, Actor, Ct);

        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login("ci", created.Secret)).Failure);
        Assert.NotNull((await h.Login("ci", p1!.Secret)).Principal);
        Assert.NotNull((await h.Login("ci", p2.Secret)).Principal);
        Assert.Equal(IdentityErrorKind.Invalid, (await Assert.ThrowsAsync<IdentityException>(() => h.Tokens.GenerateCredentialAsync(Registry, "ci", "password3", null, Actor, Ct))).Kind);
        Assert.Null(await h.Tokens.GenerateCredentialAsync(Registry, "nope", "password1", null, Actor, Ct));
    }

    [Fact]
    public async Task A_disabled_token_is_refused_and_inactive_until_enabled()
    {
        var created = await h.Tokens.CreateAsync(Registry, "ci", "_repositories_pull", true, null, Actor, Ct);
        Assert.NotNull((await h.Login("ci", created.Secret)).Principal);

        var updated = await h.Tokens.UpdateAsync(Registry, "ci", null, false, Actor, Ct);

        Assert.False(updated!.Enabled);
        Assert.Equal(AuthenticationFailure.Disabled, (await h.Login("ci", created.Secret)).Failure);
        Assert.Null(await h.Auth.GetActiveAsync(created.Item.Id, Ct));
        await h.Tokens.UpdateAsync(Registry, "ci", null, true, Actor, Ct);
        Assert.NotNull(await h.Auth.GetActiveAsync(created.Item.Id, Ct));
    }

    [Fact]
    public async Task A_token_created_disabled_cannot_log_in()
    {
        var created = await h.Tokens.CreateAsync(Registry, "ci", "_repositories_pull", false, null, Actor, Ct);

        Assert.Equal(AuthenticationFailure.Disabled, (await h.Login("ci", created.Secret)).Failure);
    }

    [Fact]
    public async Task Expired_token_passwords_report_expired_and_end_activity()
    {
        var created = await h.Tokens.CreateAsync(Registry, "ci", "_repositories_pull", true, TimeSpan.FromHours(1), Actor, Ct);
        Assert.NotNull(await h.Auth.GetActiveAsync(created.Item.Id, Ct));

        h.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(AuthenticationFailure.Expired, (await h.Login("ci", created.Secret)).Failure);
        Assert.Null(await h.Auth.GetActiveAsync(created.Item.Id, Ct));
    }

    [Fact]
    public async Task The_scope_map_must_exist_and_can_be_changed()
    {
        await h.ScopeMaps.CreateAsync(Registry, "team", ["repositories/team/*/content/read"], null, Actor, Ct);

        Assert.Equal(IdentityErrorKind.Invalid, (await Assert.ThrowsAsync<IdentityException>(() => h.Tokens.CreateAsync(Registry, "ci", "missing", true, null, Actor, Ct))).Kind);
        var created = await h.Tokens.CreateAsync(Registry, "ci", "TEAM", true, null, Actor, Ct);
        Assert.Equal("team", created.Item.ScopeMap);

        var updated = await h.Tokens.UpdateAsync(Registry, "ci", "_REPOSITORIES_ADMIN", null, Actor, Ct);
        Assert.Equal("_repositories_admin", updated!.ScopeMap);
        Assert.True(updated.Enabled);
        await Assert.ThrowsAsync<IdentityException>(() => h.Tokens.UpdateAsync(Registry, "ci", "missing", null, Actor, Ct));
        Assert.Null(await h.Tokens.UpdateAsync(Registry, "nope", null, false, Actor, Ct));
    }

    [Fact]
    public async Task Names_are_unique_per_registry_and_validated()
    {
        await h.Tokens.CreateAsync(Registry, "ci", "_repositories_pull", true, null, Actor, Ct);
        var other = h.AddRegistry("other");

        Assert.Equal(IdentityErrorKind.Conflict, (await Assert.ThrowsAsync<IdentityException>(() => h.Tokens.CreateAsync(Registry, "CI", "_repositories_pull", true, null, Actor, Ct))).Kind);
        await h.Tokens.CreateAsync(other, "ci", "_repositories_pull", true, null, Actor, Ct);
        Assert.Single(await h.Tokens.ListAsync(other, Ct));
        Assert.Equal(IdentityErrorKind.Invalid, (await Assert.ThrowsAsync<IdentityException>(() => h.Tokens.CreateAsync(Registry, "bad.name", "_repositories_pull", true, null, Actor, Ct))).Kind);
        Assert.Equal(IdentityErrorKind.NotFound, (await Assert.ThrowsAsync<IdentityException>(() => h.Tokens.CreateAsync(99, "ci", "_repositories_pull", true, null, Actor, Ct))).Kind);
    }

    [Fact]
    public async Task A_token_of_one_registry_cannot_log_in_to_another_and_its_grants_stay_in_its_registry()
    {
        var other = h.AddRegistry("other");
        var created = await h.Tokens.CreateAsync(Registry, "ci", "_repositories_push", true, null, Actor, Ct);
        var token = (await h.Login("ci", created.Secret)).Principal!;

        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login("ci", created.Secret, registry: other)).Failure);
        Assert.Empty(await h.Auth.GetGrantsAsync(token, other, Ct));
        var grants = await h.Auth.GetGrantsAsync(token, Registry, Ct);
        Assert.All(grants, g => Assert.Equal(Registry, g.RegistryId));
        Assert.False(AccessPolicy.Decide(token, grants, other, "team/app", RepositoryAction.ContentRead, ObjectLocks.Unlocked).Allowed);
        Assert.True(AccessPolicy.Decide(token, grants, Registry, "team/app", RepositoryAction.ContentRead, ObjectLocks.Unlocked).Allowed);
    }

    [Fact]
    public async Task Delete_stops_the_token_and_is_audited()
    {
        var created = await h.Tokens.CreateAsync(Registry, "ci", "_repositories_pull", true, null, Actor, Ct);
        await h.Tokens.GenerateCredentialAsync(Registry, "ci", "password2", null, Actor, Ct);
        await h.Tokens.UpdateAsync(Registry, "ci", null, false, Actor, Ct);

        Assert.True(await h.Tokens.DeleteAsync(Registry, "ci", Actor, Ct));

        Assert.False(await h.Tokens.DeleteAsync(Registry, "ci", Actor, Ct));
        Assert.Null(await h.Auth.GetActiveAsync(created.Item.Id, Ct));
        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login("ci", created.Secret)).Failure);
        var trail = (await h.AuditTrail()).Where(e => e.Action.StartsWith("token.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["token.create", "token.credential.generate", "token.update", "token.delete"], trail.Select(e => e.Action));
        Assert.All(trail, e => Assert.Equal("registries/default/tokens/ci", e.Target));
    }
}
