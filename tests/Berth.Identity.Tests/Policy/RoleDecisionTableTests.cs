using Berth.Core.Identity;
using static Berth.Core.Identity.AccessPolicy;

namespace Berth.Identity.Tests.Policy;

/// <summary>Every role × every combination of repository actions × every scope × every kind of write.</summary>
public sealed class RoleDecisionTableTests
{
    public static TheoryData<string, int, string, WriteKind> Cases()
    {
        var data = new TheoryData<string, int, string, WriteKind>();
        foreach (var role in Matrix.RoleRepository.Keys)
        {
            foreach (var needed in Matrix.EveryActionSet())
            {
                foreach (var scope in Matrix.Scopes.Keys)
                {
                    foreach (var write in Enum.GetValues<WriteKind>())
                    {
                        data.Add(role, (int)needed, scope, write);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Role_at_scope_decides_as_the_acr_matrix_says(string roleName, int neededBits, string scopeName, WriteKind write)
    {
        var needed = (RepositoryAction)neededBits;
        var (registry, pattern, covers) = Matrix.Scopes[scopeName];
        var allowed = Matrix.Actions(Matrix.RoleRepository[roleName]);
        if (write != WriteKind.Ordinary && Matrix.SignatureWriters.Contains(roleName))
        {
            allowed |= RepositoryAction.ContentWrite;
        }

        var expected = needed == RepositoryAction.None || (covers && Matrix.Subset(needed, allowed));

        // Grants are built from a role assignment the way GrantResolver builds them.
        var role = Roles.Find(roleName)!;
        Grant[] grants = [new(registry, pattern, role.Repository, role.Resources)];
        var decision = Decide(Matrix.User, grants, Matrix.Registry, Matrix.Repository, needed, ObjectLocks.Unlocked, write);

        Assert.Equal(expected, decision.Allowed);
        if (!decision.Allowed)
        {
            Assert.Contains("User 'matrix' may not", decision.Reason, StringComparison.Ordinal);
            Assert.Contains(Matrix.Repository, decision.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_matrix_names_exactly_the_built_in_roles()
    {
        Assert.Equal(Matrix.RoleRepository.Keys.Order(), Roles.All.Select(r => r.Name).Order());
        Assert.Equal(Matrix.RoleResources.Keys.Order(), Roles.All.Select(r => r.Name).Order());
    }

    [Fact]
    public void Rights_from_several_grants_add_up()
    {
        Grant[] grants = [new(null, null, Roles.AcrPull.Repository, Roles.AcrPull.Resources), new(Matrix.Registry, "team/*", Roles.AcrDelete.Repository, Roles.AcrDelete.Resources)];

        Assert.True(Decide(Matrix.User, grants, Matrix.Registry, Matrix.Repository, RepositoryAction.ContentRead | RepositoryAction.ContentDelete, ObjectLocks.Unlocked).Allowed);
        Assert.False(Decide(Matrix.User, grants, Matrix.Registry, "other/app", RepositoryAction.ContentDelete, ObjectLocks.Unlocked).Allowed);
        Assert.False(Decide(Matrix.User, grants, Matrix.Registry, Matrix.Repository, RepositoryAction.ContentWrite, ObjectLocks.Unlocked).Allowed);
    }

    [Fact]
    public void No_grants_allow_nothing_but_the_empty_request()
    {
        foreach (var needed in Matrix.EveryActionSet())
        {
            Assert.Equal(needed == RepositoryAction.None, Decide(Matrix.User, [], Matrix.Registry, Matrix.Repository, needed, ObjectLocks.Unlocked).Allowed);
        }
    }

    [Fact]
    public void Denials_name_what_is_missing()
    {
        Grant[] pull = [new(null, null, Roles.AcrPull.Repository, Roles.AcrPull.Resources)];

        var push = Decide(Matrix.User, pull, Matrix.Registry, Matrix.Repository, RepositoryAction.ContentWrite, ObjectLocks.Unlocked);
        var delete = Decide(Matrix.User, pull, Matrix.Registry, Matrix.Repository, RepositoryAction.ContentDelete, ObjectLocks.Unlocked);

        Assert.Equal("User 'matrix' may not push to repository team/app", push.Reason);
        Assert.Equal("User 'matrix' may not delete from repository team/app", delete.Reason);
    }
}
