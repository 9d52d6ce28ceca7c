using Berth.Api.Auth;

namespace Berth.Core.Tests.Auth;

public sealed class TokenScopeTests
{
    [Fact]
    public void Parses_repository_registry_and_management_scopes_from_several_values_and_spaces()
    {
        Assert.True(TokenScope.TryParse(["repository:team/app:pull,push", "registry:catalog:* management", "repository(plugin):a/b:pull"], out var scopes, out var error));
        Assert.Null(error);
        Assert.Equal(4, scopes.Count);
        Assert.Equal(new AccessEntry("repository", "team/app", ["pull", "push"]).ToString(), scopes[0].ToString());
        Assert.Equal("registry:catalog:*", scopes[1].ToString());
        Assert.Equal(AccessEntry.Management, scopes[2].Type);
        Assert.Equal("a/b", scopes[3].Name);
    }

    [Fact]
    public void Host_prefixed_names_keep_their_colon_and_unknown_types_are_ignored()
    {
        Assert.True(TokenScope.TryParse(["repository:localhost:5000/app:pull", "gadget:x:pull"], out var scopes, out _));
        Assert.Equal("localhost:5000/app", Assert.Single(scopes).Name);
    }

    [Theory]
    [InlineData("repository")]
    [InlineData("repository:name")]
    [InlineData("repository:name:")]
    [InlineData(":name:pull")]
    [InlineData("repository::pull")]
    public void Malformed_scopes_are_rejected_with_a_message(string scope)
    {
        Assert.False(TokenScope.TryParse([scope], out _, out var error));
        Assert.Contains("malformed scope", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_and_missing_scopes_parse_to_nothing()
    {
        Assert.True(TokenScope.TryParse([null, "", "  "], out var scopes, out _));
        Assert.Empty(scopes);
    }

    [Fact]
    public void Wildcard_action_covers_every_action()
    {
        var entry = new AccessEntry("repository", "a", ["*"]);
        Assert.True(entry.Has("pull") && entry.Has("push") && entry.Has("delete"));
        Assert.False(new AccessEntry("repository", "a", ["pull"]).Has("push"));
    }
}
