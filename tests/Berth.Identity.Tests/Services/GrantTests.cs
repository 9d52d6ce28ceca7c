using Berth.Core.Identity;
using Berth.Identity.Tests.Infrastructure;
using static Berth.Identity.Tests.Infrastructure.IdentityHarness;

namespace Berth.Identity.Tests.Services;

/// <summary>Role assignments made through the directory, resolved by the authenticator, decided by the policy.</summary>
public sealed class GrantTests : IDisposable
{
    private readonly IdentityHarness h = new();

    public void Dispose() => h.Dispose();

    public static TheoryData<string, string> RolesAndScopes()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in Roles.All)
        {
            foreach (var scope in new[] { "/", "/registries/default", "/registries/default/repositories/team/*", "/registries/other", "/registries/default/repositories/other/*" })
            {
                data.Add(role.Name, scope);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndScopes))]
    public async Task Assigned_roles_become_grants_with_the_expected_rights(string role, string scope)
    {
        h.AddRegistry("other");
        var alice = await h.Users.CreateAsync("alice", null, Actor, Ct);
        await h.Roles.CreateAsync("alice", role, scope, Actor, Ct);
        var principal = (await h.Login("alice", alice.Secret)).Principal!;
        var covers = scope is "/" or "/registries/default" or "/registries/default/repositories/team/*";

        var grants = await h.Auth.GetGrantsAsync(principal, Registry, Ct);

        foreach (var needed in Policy.Matrix.EveryActionSet())
        {
            var expected = needed == RepositoryAction.None || (covers && Policy.Matrix.Subset(needed, Policy.Matrix.Actions(Policy.Matrix.RoleRepository[role])));
            Assert.Equal(expected, AccessPolicy.Decide(principal, grants, Registry, "team/app", needed, ObjectLocks.Unlocked).Allowed);
        }

        var registryWide = scope is "/" or "/registries/default";
        var expectedResources = registryWide ? Policy.Matrix.Resources(Policy.Matrix.RoleResources[role]) : ResourcePermission.None;
        foreach (var permission in new[] { ResourcePermission.Read, ResourcePermission.Manage, ResourcePermission.AssignRoles })
        {
            Assert.Equal(expectedResources.HasFlag(permission), AccessPolicy.DecideResource(principal, grants, Registry, permission).Allowed);
            Assert.Equal(scope == "/" && expectedResources.HasFlag(permission), AccessPolicy.DecideResource(principal, grants, null, permission).Allowed);
        }
    }

    [Fact]
    public async Task Acr_pull_cannot_push_acr_delete_cannot_pull_reader_cannot_delete()
    {
        var pull = await Principal("puller", "AcrPull");
        var delete = await Principal("deleter", "AcrDelete");
        var reader = await Principal("reader", "Reader");

        Assert.False(await Allowed(pull, RepositoryAction.ContentWrite));
        Assert.False(await Allowed(delete, RepositoryAction.ContentRead));
        Assert.True(await Allowed(delete, RepositoryAction.ContentDelete));
        Assert.False(await Allowed(reader, RepositoryAction.ContentDelete));
        Assert.True(await Allowed(reader, RepositoryAction.ContentRead));
    }

    [Fact]
    public async Task Grants_follow_assignment_changes_immediately()
    {
        var alice = await Principal("alice", null);
        Assert.Empty(await h.Auth.GetGrantsAsync(alice, Registry, Ct));

        var assignment = await h.Roles.CreateAsync("alice", "AcrPush", "/registries/default", Actor, Ct);
        Assert.True(await Allowed(alice, RepositoryAction.ContentWrite));

        await h.Roles.DeleteAsync(assignment.Id, Actor, Ct);
        Assert.False(await Allowed(alice, RepositoryAction.ContentWrite));
    }

    [Fact]
    public async Task Service_principals_and_managed_identities_get_their_role_grants()
    {
        var sp = await h.ServicePrincipals.CreateAsync("ci", null, Actor, Ct);
        var mi = await h.ManagedIdentities.CreateAsync("runner", Actor, Ct);
        await h.Roles.CreateAsync(sp.Item.AppId, "AcrPush", "/", Actor, Ct);
        await h.Roles.CreateAsync("runner", "AcrPull", "/registries/default/repositories/team/*", Actor, Ct);

        var spPrincipal = (await h.Login(sp.Item.AppId, sp.Secret)).Principal!;
        var miPrincipal = (await h.Auth.GetActiveAsync(mi.Id, Ct))!;

        Assert.True(await Allowed(spPrincipal, RepositoryAction.ContentWrite));
        Assert.True(await Allowed(miPrincipal, RepositoryAction.ContentRead));
        Assert.False(await Allowed(miPrincipal, RepositoryAction.ContentWrite));
        Assert.False(AccessPolicy.Decide(miPrincipal, await h.Auth.GetGrantsAsync(miPrincipal, Registry, Ct), Registry, "other/app", RepositoryAction.ContentRead, ObjectLocks.Unlocked).Allowed);
    }

    [Fact]
    public async Task A_token_gets_only_its_scope_map()
    {
        await h.ScopeMaps.CreateAsync(Registry, "team", ["repositories/team/*/content/read", "repositories/team/app/content/delete"], null, Actor, Ct);
        var created = await h.Tokens.CreateAsync(Registry, "ci", "team", true, null, Actor, Ct);
        var token = (await h.Login("ci", created.Secret)).Principal!;

        var grants = await h.Auth.GetGrantsAsync(token, Registry, Ct);

        Assert.Equal(2, grants.Count);
        Assert.All(grants, g => Assert.Equal(ResourcePermission.None, g.Resources));
        Assert.True(await Allowed(token, RepositoryAction.ContentRead | RepositoryAction.ContentDelete));
        Assert.False(await Allowed(token, RepositoryAction.MetadataRead));
        Assert.False(AccessPolicy.Decide(token, grants, Registry, "team/other", RepositoryAction.ContentDelete, ObjectLocks.Unlocked).Allowed);
    }

    private async Task<Principal> Principal(string name, string? role)
    {
        var created = await h.Users.CreateAsync(name, null, Actor, Ct);
        if (role is not null)
        {
            await h.Roles.CreateAsync(name, role, "/", Actor, Ct);
        }

        return (await h.Login(name, created.Secret)).Principal!;
    }

    private async Task<bool> Allowed(Principal principal, RepositoryAction needed) =>
        AccessPolicy.Decide(principal, await h.Auth.GetGrantsAsync(principal, Registry, Ct), Registry, "team/app", needed, ObjectLocks.Unlocked).Allowed;
}
