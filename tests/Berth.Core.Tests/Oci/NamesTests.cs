using Berth.Core.Oci;

namespace Berth.Core.Tests.Oci;

public sealed class NamesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("ubuntu")]
    [InlineData("library/ubuntu")]
    [InlineData("a/b/c/d/e")]
    [InlineData("9to5")]
    [InlineData("a.b")]
    [InlineData("a_b")]
    [InlineData("a__b")]
    [InlineData("a-b")]
    [InlineData("a--b")]
    [InlineData("a---b")]
    [InlineData("a.b_c__d-e--f")]
    [InlineData("my-org/my.app/v2__x")]
    public void Valid_repository_names(string name) => Assert.True(Names.IsValidRepository(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("Library/ubuntu")]
    [InlineData("library/Ubuntu")]
    [InlineData("a___b")]
    [InlineData("a.-b")]
    [InlineData("a-.b")]
    [InlineData("a..b")]
    [InlineData("a._b")]
    [InlineData("a_-b")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("_a")]
    [InlineData("a_")]
    [InlineData("a/")]
    [InlineData("/a")]
    [InlineData("a//b")]
    [InlineData("a/b/")]
    [InlineData("..")]
    [InlineData("a/../b")]
    [InlineData("a/./b")]
    [InlineData("a b")]
    [InlineData("a:b")]
    [InlineData("a@b")]
    [InlineData("a\\b")]
    [InlineData("ä")]
    [InlineData("a\n")]
    [InlineData("\na")]
    public void Invalid_repository_names(string? name) => Assert.False(Names.IsValidRepository(name));

    [Fact]
    public void Repository_names_are_at_most_255_characters()
    {
        var component = new string('a', 127);
        var at255 = $"{component}/{component}";
        Assert.Equal(255, at255.Length);
        Assert.Equal(255, Names.MaxRepositoryLength);

        Assert.True(Names.IsValidRepository(at255));
        Assert.True(Names.IsValidRepository(new string('a', 255)));
        Assert.False(Names.IsValidRepository(at255 + "a"));
        Assert.False(Names.IsValidRepository(new string('a', 256)));
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("v1.0.0")]
    [InlineData("_")]
    [InlineData("_hidden")]
    [InlineData("A")]
    [InlineData("1")]
    [InlineData("UPPER-lower_1.2")]
    [InlineData("a..b--c__d")]
    [InlineData("sha256-abc.sig")]
    public void Valid_tags(string tag) => Assert.True(Names.IsValidTag(tag));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("-dash")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("a/b")]
    [InlineData("a:b")]
    [InlineData("sha256:abc")]
    [InlineData("a+b")]
    [InlineData("a b")]
    [InlineData("a@b")]
    [InlineData("ä")]
    [InlineData("latest\n")]
    [InlineData(" latest")]
    public void Invalid_tags(string? tag) => Assert.False(Names.IsValidTag(tag));

    [Fact]
    public void Tags_are_at_most_128_characters()
    {
        Assert.True(Names.IsValidTag(new string('a', 128)));
        Assert.True(Names.IsValidTag("_" + new string('.', 127)));
        Assert.False(Names.IsValidTag(new string('a', 129)));
        Assert.False(Names.IsValidTag("_" + new string('.', 128)));
    }
}
