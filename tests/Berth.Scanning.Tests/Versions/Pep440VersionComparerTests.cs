using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

public sealed class Pep440VersionComparerTests
{
    private static readonly Pep440VersionComparer Pep440 = Pep440VersionComparer.Instance;

    [Fact]
    public void Orders_the_pep_440_example() =>
        VersionAssert.Increasing(Pep440, "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12",
            "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0",
            "1.0+abc.5", "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1");

    [Theory]
    [InlineData("1.0-ALPHA.1", "1.0a1")]
    [InlineData("1.0-1", "1.0.post1")]
    [InlineData("1.0.rev3", "1.0.post3")]
    [InlineData("1.0r", "1.0.post0")]
    [InlineData("1.0c1", "1.0rc1")]
    [InlineData("1.0-preview-2", "1.0rc2")]
    [InlineData("1.0a", "1.0a0")]
    [InlineData("1.0.0", "1")]
    [InlineData("v1.0", "1.0")]
    [InlineData(" 1.0\t", "1.0")]
    [InlineData("0!1.0", "1.0")]
    [InlineData("1.0+ABC", "1.0+abc")]
    [InlineData("1.0+a-b_c", "1.0+a.b.c")]
    [InlineData("1.0.DEV", "1.0.dev0")]
    public void Normalised_spellings_are_equal(string a, string b) => VersionAssert.Holds(Pep440, a, "=", b);

    [Theory]
    [InlineData("1!1.0", ">", "2.0")] // epochs first
    [InlineData("1.0+abc", "<", "1.0+1")] // numeric local segments after alphabetic ones
    [InlineData("1.0+1.abc", ">", "1.0+1")] // a longer local label after its prefix
    [InlineData("1.0.post1.dev1", "<", "1.0.post1")]
    [InlineData("1.0.dev1", "<", "1.0a1.dev1")]
    [InlineData("1.0.post1", "<", "1.0.1.dev0")]
    [InlineData("1.99999999999999999999", "<", "1.100000000000000000000")]
    public void Orders_like_packaging(string a, string op, string b) => VersionAssert.Holds(Pep440, a, op, b);

    [Theory]
    [InlineData("french toast", "<", "0.0.0.dev0")] // non-PEP 440 (legacy) versions order first
    [InlineData("1.0-final", "<", "0")]
    [InlineData("0.1-bulbasaur", "<", "0.1-charmander")]
    [InlineData("2004e", ">", "2004d")] // LegacyVersion's key: zero-padded numbers, "*" letters
    [InlineData("1.0-pre1", "=", "1.0-c1")] // pre and rc read as c
    public void Orders_legacy_versions_like_packaging_21(string a, string op, string b) =>
        VersionAssert.Holds(Pep440, a, op, b);

    [Theory]
    [InlineData("1.0", true)]
    [InlineData("1!2.0.post1.dev2+local.1", true)]
    [InlineData("V1.0RC1", true)]
    [InlineData("1.0a-", true)] // the pattern allows a trailing separator after a pre-release label
    [InlineData("1.0-final", false)]
    [InlineData("1.0+", false)]
    [InlineData("1.0+a..b", false)]
    [InlineData("1..0", false)]
    [InlineData("1.0.", false)]
    [InlineData("", false)]
    public void IsValid_is_packaging_version(string version, bool valid) => Assert.Equal(valid, Pep440.IsValid(version));
}
