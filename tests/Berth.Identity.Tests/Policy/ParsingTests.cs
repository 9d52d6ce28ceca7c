using Berth.Core.Identity;
using Berth.Core.Identity.Directories;
using Berth.Core.Identity.Scopes;

namespace Berth.Identity.Tests.Policy;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("repositories/samples/hello-world/content/read", "samples/hello-world", RepositoryAction.ContentRead)]
    [InlineData("repositories/samples/*/content/write", "samples/*", RepositoryAction.ContentWrite)]
    [InlineData("repositories/*/content/delete", "*", RepositoryAction.ContentDelete)]
    [InlineData("repositories/a/metadata/read", "a", RepositoryAction.MetadataRead)]
    [InlineData("repositories/a.b_c-d/e/metadata/write", "a.b_c-d/e", RepositoryAction.MetadataWrite)]
    public void Valid_scope_map_actions_parse(string value, string pattern, RepositoryAction action)
    {
        Assert.True(ScopeMapActions.TryParse(value, out var p, out var a));
        Assert.Equal(pattern, p);
        Assert.Equal(action, a);
        Assert.Equal(value, ScopeMapActions.Format(p, a));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("repositories/")]
    [InlineData("repositories/content/read")]
    [InlineData("repositories//content/read")]
    [InlineData("repositories/a//b/content/read")]
    [InlineData("repositories/a/content/list")]
    [InlineData("repositories/a/metadata/delete")]
    [InlineData("repositories/a/content/Read")]
    [InlineData("repositories/A/content/read")]
    [InlineData("repository/a/content/read")]
    [InlineData("repositories/a/content")]
    [InlineData("repositories/a/content/read/")]
    [InlineData("repositories//a/content/read")]
    [InlineData("repositories/a b/content/read")]
    [InlineData("repositories/a?/content/read")]
    [InlineData("gateway/a/config/read")]
    public void Malformed_scope_map_actions_are_rejected(string? value) =>
        Assert.False(ScopeMapActions.TryParse(value, out _, out _));

    [Fact]
    public void Only_the_five_acr_combinations_exist()
    {
        var valid = new List<string>();
        foreach (var kind in new[] { "content", "metadata", "config", "" })
        {
            foreach (var verb in new[] { "read", "write", "delete", "list" })
            {
                if (ScopeMapActions.TryParse($"repositories/x/{kind}/{verb}", out _, out _))
                {
                    valid.Add($"{kind}/{verb}");
                }
            }
        }

        Assert.Equal(["content/read", "content/write", "content/delete", "metadata/read", "metadata/write"], valid);
    }

    [Theory]
    [InlineData("/", null, null)]
    [InlineData("/registries/default", "default", null)]
    [InlineData("/registries/default/repositories/team/app", "default", "team/app")]
    [InlineData("/registries/default/repositories/team/*", "default", "team/*")]
    [InlineData("/registries/my-reg2/repositories/*", "my-reg2", "*")]
    public void Valid_role_scopes_parse_and_format_back(string value, string? registry, string? pattern)
    {
        Assert.True(RoleScope.TryParse(value, out var scope));
        Assert.Equal(registry, scope.RegistryName);
        Assert.Equal(pattern, scope.RepositoryPattern);
        Assert.Equal(value, scope.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("//")]
    [InlineData("/registries")]
    [InlineData("/registries/")]
    [InlineData("/registries/default/")]
    [InlineData("/registries/default/repositories")]
    [InlineData("/registries/default/repositories/")]
    [InlineData("/registries/default/repositories/Team")]
    [InlineData("/registries/default/repos/team")]
    [InlineData("/registries/de_fault")]
    [InlineData("/subscriptions/x")]
    [InlineData("registries/default")]
    public void Malformed_role_scopes_are_rejected(string? value) =>
        Assert.False(RoleScope.TryParse(value, out _));

    [Theory]
    [InlineData("alice", true)]
    [InlineData("alice.smith@example.com", true)]
    [InlineData("a-b.c@d", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("under_score", false)]
    [InlineData("usr_abc", false)]
    [InlineData("ünïcode", false)]
    public void Usernames(string name, bool valid) => Assert.Equal(valid, IdentityNames.IsValidUsername(name));

    [Fact]
    public void Usernames_are_at_most_64_characters()
    {
        Assert.True(IdentityNames.IsValidUsername(new string('a', 64)));
        Assert.False(IdentityNames.IsValidUsername(new string('a', 65)));
    }

    [Theory]
    [InlineData("ci-token", true)]
    [InlineData("Token1", true)]
    [InlineData("_repositories_pull", false)]
    [InlineData("-leading", false)]
    [InlineData("dot.ted", false)]
    [InlineData("", false)]
    public void Token_and_scope_map_names(string name, bool valid) => Assert.Equal(valid, IdentityNames.IsValidResourceName(name));
}
