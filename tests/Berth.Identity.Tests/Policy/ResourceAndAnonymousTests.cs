using Berth.Core.Identity;
using static Berth.Core.Identity.AccessPolicy;

namespace Berth.Identity.Tests.Policy;

public sealed class ResourceAndAnonymousTests
{
    public static TheoryData<string, int, string, bool> ResourceCases()
    {
        var data = new TheoryData<string, int, string, bool>();
        foreach (var role in Matrix.RoleResources.Keys)
        {
            for (var needed = 1; needed < 16; needed++)
            {
                foreach (var scope in Matrix.Scopes.Keys)
                {
                    data.Add(role, needed, scope, false);
                    data.Add(role, needed, scope, true);
                }
            }
        }

        return data;
    }

    /// <summary>Management decisions: every role × every set of resource permissions × grant scope × server or registry request.</summary>
    [Theory]
    [MemberData(nameof(ResourceCases))]
    public void Resource_permissions_follow_the_role_and_need_server_or_registry_scope(string roleName, int neededBits, string scopeName, bool atServer)
    {
        var needed = (ResourcePermission)neededBits;
        var (registry, pattern, _) = Matrix.Scopes[scopeName];
        var covers = pattern is null && (registry is null || (!atServer && registry == Matrix.Registry));
        var expected = covers && (needed & ~Matrix.Resources(Matrix.RoleResources[roleName])) == ResourcePermission.None;
        var role = Roles.Find(roleName)!;

        var decision = DecideResource(Matrix.User, [new Grant(registry, pattern, role.Repository, role.Resources)], atServer ? null : Matrix.Registry, needed);

        Assert.Equal(expected, decision.Allowed);
    }

    [Fact]
    public void Resource_permissions_are_checked_within_one_grant()
    {
        Grant[] grants = [new(null, null, RepositoryAction.None, ResourcePermission.Read), new(null, null, RepositoryAction.None, ResourcePermission.Manage)];

        Assert.True(DecideResource(Matrix.User, grants, null, ResourcePermission.Manage).Allowed);
        Assert.False(DecideResource(Matrix.User, grants, null, ResourcePermission.Read | ResourcePermission.Manage).Allowed);
    }

    [Fact]
    public void Anonymous_with_anonymous_pull_may_pull_and_list_only()
    {
        Grant[] pull = [new(Matrix.Registry, null, RepositoryAction.ContentRead | RepositoryAction.MetadataRead, ResourcePermission.None)];

        foreach (var needed in Matrix.EveryActionSet())
        {
            var decision = Decide(Principal.Anonymous, pull, Matrix.Registry, Matrix.Repository, needed, ObjectLocks.Unlocked);
            Assert.Equal(Matrix.Subset(needed, RepositoryAction.ContentRead | RepositoryAction.MetadataRead), decision.Allowed);
            if (!decision.Allowed)
            {
                Assert.StartsWith("authentication required to", decision.Reason, StringComparison.Ordinal);
            }
        }

        Assert.False(Decide(Principal.Anonymous, pull, Matrix.OtherRegistry, Matrix.Repository, RepositoryAction.ContentRead, ObjectLocks.Unlocked).Allowed);
        Assert.False(DecideResource(Principal.Anonymous, pull, Matrix.Registry, ResourcePermission.Read).Allowed);
        Assert.Equal("authentication required", DecideResource(Principal.Anonymous, pull, Matrix.Registry, ResourcePermission.Read).Reason);
    }

    [Fact]
    public void Anonymous_without_anonymous_pull_may_do_nothing()
    {
        foreach (var needed in Matrix.EveryActionSet())
        {
            Assert.Equal(needed == RepositoryAction.None, Decide(Principal.Anonymous, [], Matrix.Registry, Matrix.Repository, needed, ObjectLocks.Unlocked).Allowed);
        }
    }

    [Fact]
    public void Anonymous_pull_still_obeys_read_locks()
    {
        Grant[] pull = [new(Matrix.Registry, null, RepositoryAction.ContentRead | RepositoryAction.MetadataRead, ResourcePermission.None)];

        Assert.False(Decide(Principal.Anonymous, pull, Matrix.Registry, Matrix.Repository, RepositoryAction.ContentRead, new ObjectLocks(ReadEnabled: false)).Allowed);
    }
}
