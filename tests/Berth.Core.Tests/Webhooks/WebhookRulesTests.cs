using Berth.Core.Webhooks;

namespace Berth.Core.Tests.Webhooks;

public sealed class WebhookRulesTests
{
    [Theory]
    [InlineData("hook1", true)]
    [InlineData("ABCDE12345", true)]
    [InlineData("abcd", false)]
    [InlineData("with-dash", false)]
    [InlineData("with space", false)]
    [InlineData(null, false)]
    public void Names_follow_ACR(string? name, bool valid) => Assert.Equal(valid, WebhookRules.CheckName(name) is null);

    [Fact]
    public void Names_longer_than_50_are_refused()
    {
        Assert.Null(WebhookRules.CheckName(new string('a', 50)));
        Assert.NotNull(WebhookRules.CheckName(new string('a', 51)));
    }

    [Theory]
    [InlineData("", "any/repo", null, true)]
    [InlineData("app", "app", "v1", true)]
    [InlineData("app", "app", null, true)]
    [InlineData("app", "app2", "v1", false)]
    [InlineData("app:v1", "app", "v1", true)]
    [InlineData("app:v1", "app", "v2", false)]
    [InlineData("app:v1", "app", null, false)]
    [InlineData("app:*", "app", null, true)]
    [InlineData("team/*", "team/a/b", "x", true)]
    [InlineData("team/*", "teams/a", "x", false)]
    [InlineData("*:release-*", "any", "release-1.2", true)]
    [InlineData("*:release-*", "any", "rc-1", false)]
    [InlineData("a.b", "axb", null, false)]
    public void Scopes_match_repository_and_tag_with_wildcards(string scope, string repository, string? tag, bool matches) =>
        Assert.Equal(matches, WebhookRules.ScopeMatches(scope, repository, tag));

    [Theory]
    [InlineData("app", true)]
    [InlineData("team/*:v*", true)]
    [InlineData("App", false)]
    [InlineData("app:", false)]
    [InlineData("app:v1:v2", false)]
    [InlineData("a b", false)]
    public void Scope_syntax_is_checked(string scope, bool valid) => Assert.Equal(valid, WebhookRules.CheckScope(scope) is null);

    [Theory]
    [InlineData("https://hooks.example.com/x?y=1", true)]
    [InlineData("http://hooks.example.com", true)]
    [InlineData("ftp://hooks.example.com", false)]
    [InlineData("/relative", false)]
    [InlineData("https://user:pw@hooks.example.com/", false)]
    public void Service_uris_are_absolute_http_without_credentials(string uri, bool valid) =>
        Assert.Equal(valid, WebhookRules.CheckServiceUri(uri) is null);

    [Fact]
    public void Header_values_cannot_break_lines()
    {
        Assert.Null(WebhookRules.CheckHeaders(new Dictionary<string, string> { ["X-Token"] = "abc" }));
        Assert.NotNull(WebhookRules.CheckHeaders(new Dictionary<string, string> { ["X-Token"] = "abc\r\nX-Evil: 1" }));
        Assert.NotNull(WebhookRules.CheckHeaders(new Dictionary<string, string> { ["Bad Name"] = "x" }));
    }
}
