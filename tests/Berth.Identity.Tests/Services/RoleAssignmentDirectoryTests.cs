using Berth.Core.Identity;
using Berth.Identity.Tests.Infrastructure;
using static Berth.Identity.Tests.Infrastructure.IdentityHarness;

namespace Berth.Identity.Tests.Services;

public sealed class RoleAssignmentDirectoryTests : IDisposable
{
    private readonly IdentityHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task Assignments_at_each_scope_are_created_listed_and_deleted()
    {
        var alice = (await h.Users.CreateAsync("alice", null, Actor, Ct)).Item;

        var server = await h.Roles.CreateAsync("alice", "owner", "/", Actor, Ct);
        var registry = await h.Roles.CreateAsync(alice.Id, "AcrPush", "/registries/DEFAULT", Actor, Ct);
        var repo = await h.Roles.CreateAsync("alice", "AcrDelete", "/registries/default/repositories/team/*", Actor, Ct);

        Assert.StartsWith("ra_", server.Id, StringComparison.Ordinal);
        Assert.Equal((alice.Id, "alice", "Owner", "/"), (server.PrincipalId, server.PrincipalName, server.Role, server.Scope));
        Assert.Equal("/registries/default", registry.Scope);
        Assert.Equal("/registries/default/repositories/team/*", repo.Scope);
        Assert.Equal([server, registry, repo], await h.Roles.ListAsync(null, Ct));
        Assert.Equal([server, registry, repo], await h.Roles.ListAsync("alice", Ct));
        Assert.Empty(await h.Roles.ListAsync("nobody", Ct));

        Assert.True(await h.Roles.DeleteAsync(repo.Id, Actor, Ct));
        Assert.False(await h.Roles.DeleteAsync(repo.Id, Actor, Ct));
        Assert.False(await h.Roles.DeleteAsync("ra_missing", Actor, Ct));
        Assert.Equal([server, registry], await h.Roles.ListAsync(null, Ct));
        Assert.Equal(["user.create", "role-assignment.create", "role-assignment.create", "role-assignment.create", "role-assignment.delete"], (await h.AuditTrail()).Select(e => e.Action));
    }

    [Theory]
    [InlineData("alice", "Superuser", "/")]
    [InlineData("alice", "", "/")]
    [InlineData("alice", "AcrPull", "")]
    [InlineData("alice", "AcrPull", "/registries")]
    [InlineData("alice", "AcrPull", "/registries/missing")]
    [InlineData("alice", "AcrPull", "/registries/default/repositories/")]
    [InlineData("alice", "AcrPull", "/registries/default/repositories/UPPER")]
    [InlineData("nobody", "AcrPull", "/")]
    [InlineData("usr_0000", "AcrPull", "/")]
    [InlineData("", "AcrPull", "/")]
    public async Task Invalid_role_scope_or_principal_is_rejected(string principal, string role, string scope)
    {
        await h.Users.CreateAsync("alice", null, Actor, Ct);

        var e = await Assert.ThrowsAsync<IdentityException>(() => h.Roles.CreateAsync(principal, role, scope, Actor, Ct));

        Assert.Equal(IdentityErrorKind.Invalid, e.Kind);
        Assert.Empty(await h.Roles.ListAsync(null, Ct));
    }

    [Fact]
    public async Task Tokens_and_admin_users_cannot_hold_roles()
    {
        var token = await h.Tokens.CreateAsync(Registry, "ci", "_repositories_pull", true, null, Actor, Ct);

        Assert.Equal(IdentityErrorKind.Invalid, (await Assert.ThrowsAsync<IdentityException>(() => h.Roles.CreateAsync(token.Item.Id, "AcrPull", "/", Actor, Ct))).Kind);
        Assert.Equal(IdentityErrorKind.Invalid, (await Assert.ThrowsAsync<IdentityException>(() => h.Roles.CreateAsync("adm_1", "AcrPull", "/", Actor, Ct))).Kind);
    }

    [Fact]
    public async Task Service_principals_and_managed_identities_hold_roles_by_app_id_name_or_id()
    {
        var sp = (await h.ServicePrincipals.CreateAsync("build", null, Actor, Ct)).Item;
        var mi = await h.ManagedIdentities.CreateAsync("runner", Actor, Ct);

        Assert.Equal(sp.Id, (await h.Roles.CreateAsync(sp.AppId, "AcrPush", "/", Actor, Ct)).PrincipalId);
        Assert.Equal(sp.Id, (await h.Roles.CreateAsync("build", "AcrPull", "/", Actor, Ct)).PrincipalId);
        Assert.Equal(mi.Id, (await h.Roles.CreateAsync("runner", "AcrPull", "/", Actor, Ct)).PrincipalId);
        Assert.Equal(mi.Id, (await h.Roles.CreateAsync(mi.Id, "Reader", "/", Actor, Ct)).PrincipalId);
        Assert.Equal(2, (await h.Roles.ListAsync(sp.AppId, Ct)).Count);
    }

    [Fact]
    public async Task An_ambiguous_name_must_be_given_as_an_id()
    {
        await h.Users.CreateAsync("ci", null, Actor, Ct);
        var mi = await h.ManagedIdentities.CreateAsync("ci", Actor, Ct);

        var e = await Assert.ThrowsAsync<IdentityException>(() => h.Roles.CreateAsync("ci", "AcrPull", "/", Actor, Ct));

        Assert.Contains(mi.Id, e.Message, StringComparison.Ordinal);
        Assert.Equal(mi.Id, (await h.Roles.CreateAsync(mi.Id, "AcrPull", "/", Actor, Ct)).PrincipalId);
    }

    [Fact]
    public async Task The_same_assignment_twice_is_a_conflict()
    {
        await h.Users.CreateAsync("alice", null, Actor, Ct);
        await h.Roles.CreateAsync("alice", "AcrPull", "/registries/default/repositories/a/*", Actor, Ct);

        var e = await Assert.ThrowsAsync<IdentityException>(() => h.Roles.CreateAsync("alice", "acrpull", "/registries/default/repositories/a/*", Actor, Ct));

        Assert.Equal(IdentityErrorKind.Conflict, e.Kind);
        await h.Roles.CreateAsync("alice", "AcrPull", "/registries/default/repositories/b/*", Actor, Ct);
        await h.Roles.CreateAsync("alice", "AcrPull", "/registries/default", Actor, Ct);
        await h.Roles.CreateAsync("alice", "AcrPull", "/", Actor, Ct);
        Assert.Equal(4, (await h.Roles.ListAsync("alice", Ct)).Count);
    }

    [Fact]
    public async Task The_last_enabled_server_owner_cannot_be_removed()
    {
        var alice = await h.Users.CreateAsync("alice", null, Actor, Ct);
        var owner = await h.Roles.CreateAsync("alice", "Owner", "/", Actor, Ct);
        await h.Users.CreateAsync("bob", null, Actor, Ct);

        Assert.Equal(IdentityErrorKind.Conflict, (await Assert.ThrowsAsync<IdentityException>(() => h.Roles.DeleteAsync(owner.Id, Actor, Ct))).Kind);
        Assert.Equal(IdentityErrorKind.Conflict, (await Assert.ThrowsAsync<IdentityException>(() => h.Users.DeleteAsync("alice", Actor, Ct))).Kind);
        Assert.Equal(IdentityErrorKind.Conflict, (await Assert.ThrowsAsync<IdentityException>(() => h.Users.SetEnabledAsync("alice", false, Actor, Ct))).Kind);
        Assert.True(await h.Users.DeleteAsync("bob", Actor, Ct));

        await h.Users.CreateAsync("carol", null, Actor, Ct);
        await h.Roles.CreateAsync("carol", "Owner", "/", Actor, Ct);
        Assert.True(await h.Roles.DeleteAsync(owner.Id, Actor, Ct));
        Assert.NotNull(alice);
    }
}
