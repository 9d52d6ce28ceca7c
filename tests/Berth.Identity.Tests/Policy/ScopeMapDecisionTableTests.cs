using Berth.Core.Identity;
using Berth.Core.Identity.Scopes;
using static Berth.Core.Identity.AccessPolicy;

namespace Berth.Identity.Tests.Policy;

/// <summary>Every scope map action × every combination of requested actions × matching and other repositories × write kinds.</summary>
public sealed class ScopeMapDecisionTableTests
{
    private static readonly Principal Token = new("tok_matrix", PrincipalKind.RepositoryToken, "ci", Matrix.Registry);

    /// <summary>The five scope map actions and what each one alone permits, written out.</summary>
    private static readonly IReadOnlyDictionary<string, string> ActionMeaning = new Dictionary<string, string>
    {
        ["content/read"] = "CR",
        ["content/write"] = "CW",
        ["content/delete"] = "CD",
        ["metadata/read"] = "MR",
        ["metadata/write"] = "MW",
    };

    /// <summary>System maps, written out.</summary>
    private static readonly IReadOnlyDictionary<string, string> SystemMeaning = new Dictionary<string, string>
    {
        [SystemScopeMaps.Pull] = "CR MR",
        [SystemScopeMaps.Push] = "CR MR CW MW",
        [SystemScopeMaps.Admin] = "CR CW CD MR MW",
    };

    public static TheoryData<string, string, int, string, WriteKind> Cases()
    {
        var data = new TheoryData<string, string, int, string, WriteKind>();
        foreach (var action in ActionMeaning.Keys)
        {
            foreach (var pattern in new[] { "team/*", "team/app", "*" })
            {
                foreach (var needed in Matrix.EveryActionSet())
                {
                    foreach (var repository in new[] { "team/app", "other/app" })
                    {
                        foreach (var write in Enum.GetValues<WriteKind>())
                        {
                            data.Add(action, pattern, (int)needed, repository, write);
                        }
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void One_scope_map_action_permits_exactly_itself_on_matching_repositories(string action, string pattern, int neededBits, string repository, WriteKind write)
    {
        var needed = (RepositoryAction)neededBits;
        var matches = pattern == "*" || repository == "team/app";
        var expected = needed == RepositoryAction.None || (matches && Matrix.Subset(needed, Matrix.Actions(ActionMeaning[action])));

        var grants = ScopeMapActions.ToGrants(Matrix.Registry, [$"repositories/{pattern}/{action}"]);

        Assert.Equal(expected, Decide(Token, grants, Matrix.Registry, repository, needed, ObjectLocks.Unlocked, write).Allowed);
    }

    public static TheoryData<string, int> SystemCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var map in SystemMeaning.Keys)
        {
            foreach (var needed in Matrix.EveryActionSet())
            {
                data.Add(map, (int)needed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SystemCases))]
    public void System_scope_maps_permit_what_they_promise_on_every_repository(string map, int neededBits)
    {
        var needed = (RepositoryAction)neededBits;
        var grants = ScopeMapActions.ToGrants(Matrix.Registry, SystemScopeMaps.Actions(map)!);

        foreach (var repository in new[] { "team/app", "a", "deeply/nested/name" })
        {
            Assert.Equal(Matrix.Subset(needed, Matrix.Actions(SystemMeaning[map])), Decide(Token, grants, Matrix.Registry, repository, needed, ObjectLocks.Unlocked).Allowed);
        }

        Assert.Equal(needed == RepositoryAction.None, Decide(Token, grants, Matrix.OtherRegistry, "team/app", needed, ObjectLocks.Unlocked).Allowed);
    }

    [Fact]
    public void Actions_of_one_map_on_different_patterns_stay_apart()
    {
        var grants = ScopeMapActions.ToGrants(Matrix.Registry, ["repositories/team/*/content/read", "repositories/team/*/content/write", "repositories/other/content/read"]);

        Assert.Equal(2, grants.Count);
        Assert.True(Decide(Token, grants, Matrix.Registry, "team/app", RepositoryAction.ContentRead | RepositoryAction.ContentWrite, ObjectLocks.Unlocked).Allowed);
        Assert.True(Decide(Token, grants, Matrix.Registry, "other", RepositoryAction.ContentRead, ObjectLocks.Unlocked).Allowed);
        Assert.False(Decide(Token, grants, Matrix.Registry, "other", RepositoryAction.ContentWrite, ObjectLocks.Unlocked).Allowed);
        Assert.False(Decide(Token, grants, Matrix.Registry, "other/app", RepositoryAction.ContentRead, ObjectLocks.Unlocked).Allowed);
    }
}
