using Berth.Core.Identity;

namespace Berth.Identity.Tests.Policy;

public sealed class GlobTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "a/b/c", true)]
    [InlineData("team/app", "team/app", true)]
    [InlineData("team/app", "team/app2", false)]
    [InlineData("team/app", "team", false)]
    [InlineData("team/*", "team/app", true)]
    [InlineData("team/*", "team/a/b", true)]
    [InlineData("team/*", "team/", true)]
    [InlineData("team/*", "team", false)]
    [InlineData("team/*", "teamx/app", false)]
    [InlineData("*/app", "team/app", true)]
    [InlineData("*/app", "a/b/app", true)]
    [InlineData("*/app", "team/app/x", false)]
    [InlineData("t*m/*", "team/x", true)]
    [InlineData("t*m/*", "tm/x", true)]
    [InlineData("t*m/*", "tea/x", false)]
    [InlineData("a*b*c", "abc", true)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "aXcYb", false)]
    [InlineData("**", "anything", true)]
    [InlineData("a**", "a", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("a.b", "a.b", true)]
    [InlineData("a.b", "aXb", false)]
    [InlineData("Team/*", "team/app", false)]
    public void Star_matches_any_run_including_slashes_and_the_rest_is_literal(string pattern, string value, bool expected) =>
        Assert.Equal(expected, Glob.Matches(pattern, value));

    [Fact]
    public void Backtracking_stays_linear_enough_for_hostile_patterns()
    {
        var pattern = string.Concat(Enumerable.Repeat("a*", 50)) + "b";
        var value = new string('a', 5000);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(Glob.Matches(pattern, value));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Grants_cover_by_registry_and_pattern()
    {
        Assert.True(new Grant(null, null, RepositoryAction.All, ResourcePermission.None).Covers(7, "x"));
        Assert.True(new Grant(7, "x/*", RepositoryAction.All, ResourcePermission.None).Covers(7, "x/y"));
        Assert.False(new Grant(7, "x/*", RepositoryAction.All, ResourcePermission.None).Covers(8, "x/y"));
        Assert.False(new Grant(7, "x/*", RepositoryAction.All, ResourcePermission.None).CoversRegistry(7));
        Assert.True(new Grant(null, null, RepositoryAction.None, ResourcePermission.Read).CoversRegistry(null));
        Assert.False(new Grant(7, null, RepositoryAction.None, ResourcePermission.Read).CoversRegistry(null));
    }
}
