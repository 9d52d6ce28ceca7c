using Berth.Core.Identity;
using Berth.Identity.Tests.Infrastructure;
using static Berth.Identity.Tests.Infrastructure.IdentityHarness;

namespace Berth.Identity.Tests.Services;

public sealed class AdminAndSettingsTests : IDisposable
{
    private readonly IdentityHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task The_admin_user_is_disabled_by_default_and_cannot_log_in()
    {
        var admin = await h.Admin.GetAsync(Registry, Ct);

        Assert.Equal(new AdminUserInfo(Registry, "default", false, admin.Passwords), admin);
        Assert.Empty(admin.Passwords);
        Assert.Null(await h.Auth.GetActiveAsync("adm_1", Ct));
        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login("default", "anything")).Failure);
    }

    [Fact]
    public async Task Enabling_generates_two_passwords_once_and_both_log_in_as_the_registry_name()
    {
        var (admin, fresh) = await h.Admin.EnableAsync(Registry, Actor, Ct);

        Assert.True(admin.Enabled);
        Assert.Equal(["password", "password2"], fresh.Keys.Order());
        Assert.Equal(["password", "password2"], admin.Passwords.Select(p => p.Id));
        foreach (var password in fresh.Values)
        {
            var login = await h.Login("default", password);
            Assert.Equal(new Principal("adm_1", PrincipalKind.AdminUser, "default", Registry), login.Principal);
        }

        var again = await h.Admin.EnableAsync(Registry, Actor, Ct);
        Assert.Empty(again.NewPasswords);
        Assert.NotNull((await h.Login("DEFAULT", fresh["password"])).Principal);
    }

    [Fact]
    public async Task Disabling_stops_the_admin_at_once_and_re_enabling_restores_its_passwords()
    {
        var (_, fresh) = await h.Admin.EnableAsync(Registry, Actor, Ct);
        Assert.NotNull((await h.Login("default", fresh["password"])).Principal);
        Assert.NotNull(await h.Auth.GetActiveAsync("adm_1", Ct));

        var disabled = await h.Admin.DisableAsync(Registry, Actor, Ct);

        Assert.False(disabled.Enabled);
        Assert.Equal(AuthenticationFailure.Disabled, (await h.Login("default", fresh["password"])).Failure);
        Assert.Null(await h.Auth.GetActiveAsync("adm_1", Ct));
        await h.Admin.EnableAsync(Registry, Actor, Ct);
        Assert.NotNull((await h.Login("default", fresh["password"])).Principal);
    }

    [Fact]
    public async Task Regenerating_a_password_replaces_only_that_slot()
    {
        var (_, fresh) = await h.Admin.EnableAsync(Registry, Actor, Ct);

        var regenerated = await h.Admin.RegeneratePasswordAsync(Registry, "password2", Actor, Ct);

        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login("default", fresh["password2"])).Failure);
        Assert.NotNull((await h.Login("default", regenerated.Secret)).Principal);
        Assert.NotNull((await h.Login("default", fresh["password"])).Principal);
        Assert.Equal(IdentityErrorKind.Invalid, (await Assert.ThrowsAsync<IdentityException>(() => h.Admin.RegeneratePasswordAsync(Registry, "password3", Actor, Ct))).Kind);
        Assert.Equal(IdentityErrorKind.NotFound, (await Assert.ThrowsAsync<IdentityException>(() => h.Admin.GetAsync(42, Ct))).Kind);
    }

    [Fact]
    public async Task The_admin_has_full_repository_access_to_its_registry_only_and_no_management_rights()
    {
        var other = h.AddRegistry("other");
        var (_, fresh) = await h.Admin.EnableAsync(Registry, Actor, Ct);
        var admin = (await h.Login("default", fresh["password"])).Principal!;

        var grants = await h.Auth.GetGrantsAsync(admin, Registry, Ct);

        Assert.Equal([new Grant(Registry, null, RepositoryAction.All, ResourcePermission.None)], grants);
        Assert.Empty(await h.Auth.GetGrantsAsync(admin, other, Ct));
        Assert.False(AccessPolicy.DecideResource(admin, grants, Registry, ResourcePermission.Read).Allowed);
        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login("default", fresh["password"], registry: other)).Failure);
    }

    [Fact]
    public async Task Admin_changes_are_audited()
    {
        await h.Admin.EnableAsync(Registry, Actor, Ct);
        await h.Admin.RegeneratePasswordAsync(Registry, "password", Actor, Ct);
        await h.Admin.DisableAsync(Registry, Actor, Ct);

        var trail = await h.AuditTrail();

        Assert.Equal(["admin.enable", "admin.credential.generate", "admin.credential.generate", "admin.credential.generate", "admin.disable"], trail.Select(e => e.Action));
        Assert.All(trail, e => Assert.Equal("registries/default/admin", e.Target));
    }

    [Fact]
    public async Task Anonymous_pull_is_off_by_default_and_switches_immediately()
    {
        Assert.False(await h.Settings.IsAnonymousPullEnabledAsync(Registry, Ct));
        Assert.Empty(await h.Auth.GetGrantsAsync(Principal.Anonymous, Registry, Ct));

        await h.Settings.SetAnonymousPullAsync(Registry, true, Actor, Ct);

        Assert.True(await h.Settings.IsAnonymousPullEnabledAsync(Registry, Ct));
        var grants = await h.Auth.GetGrantsAsync(Principal.Anonymous, Registry, Ct);
        Assert.True(AccessPolicy.Decide(Principal.Anonymous, grants, Registry, "x", RepositoryAction.ContentRead, ObjectLocks.Unlocked).Allowed);
        Assert.False(AccessPolicy.Decide(Principal.Anonymous, grants, Registry, "x", RepositoryAction.ContentWrite, ObjectLocks.Unlocked).Allowed);

        await h.Settings.SetAnonymousPullAsync(Registry, false, Actor, Ct);

        Assert.Empty(await h.Auth.GetGrantsAsync(Principal.Anonymous, Registry, Ct));
        Assert.Equal(["registry.anonymous-pull.enable", "registry.anonymous-pull.disable"], (await h.AuditTrail()).Select(e => e.Action));
        Assert.False(await h.Settings.IsAnonymousPullEnabledAsync(42, Ct));
        Assert.Equal(IdentityErrorKind.NotFound, (await Assert.ThrowsAsync<IdentityException>(() => h.Settings.SetAnonymousPullAsync(42, true, Actor, Ct))).Kind);
    }

    [Fact]
    public async Task Managed_identities_are_created_listed_found_and_deleted()
    {
        var mi = await h.ManagedIdentities.CreateAsync("runner", Actor, Ct);

        Assert.StartsWith("mi_", mi.Id, StringComparison.Ordinal);
        Assert.Equal(mi, await h.ManagedIdentities.GetAsync("RUNNER", Ct));
        Assert.Equal(mi, await h.ManagedIdentities.GetAsync(mi.Id, Ct));
        Assert.Equal([mi], await h.ManagedIdentities.ListAsync(Ct));
        Assert.Equal(new Principal(mi.Id, PrincipalKind.ManagedIdentity, "runner"), await h.Auth.GetActiveAsync(mi.Id, Ct));
        Assert.Equal(IdentityErrorKind.Conflict, (await Assert.ThrowsAsync<IdentityException>(() => h.ManagedIdentities.CreateAsync("Runner", Actor, Ct))).Kind);

        Assert.True(await h.ManagedIdentities.DeleteAsync("runner", Actor, Ct));

        Assert.Null(await h.Auth.GetActiveAsync(mi.Id, Ct));
        Assert.Null(await h.ManagedIdentities.GetAsync(mi.Id, Ct));
        Assert.False(await h.ManagedIdentities.DeleteAsync(mi.Id, Actor, Ct));
        Assert.Equal(["managed-identity.create", "managed-identity.delete"], (await h.AuditTrail()).Select(e => e.Action));
    }
}
