using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

public sealed class MavenVersionComparerTests
{
    private static readonly MavenVersionComparer Maven = MavenVersionComparer.Instance;

    [Fact]
    public void Qualifiers_order_around_the_release() =>
        VersionAssert.Increasing(Maven, "1.0-alpha-1", "1.0-beta-1", "1.0-milestone-1", "1.0-rc-1",
            "1.0-SNAPSHOT", "1.0", "1.0-sp-1", "1.0-abc", "1.0-xyz", "1.0-1", "1.0.1");

    [Theory]
    [InlineData("1.0-cr1", "1.0-rc1")]
    [InlineData("1.0.ga", "1.0")]
    [InlineData("1.0.Final", "1.0-release")]
    [InlineData("1.0a1", "1.0-alpha-1")] // a, b, m abbreviate alpha, beta, milestone before a number
    [InlineData("1.0m2", "1.0-milestone-2")]
    [InlineData("1.0-RC1", "1.0-rc1")]
    [InlineData("1.01", "1.1")]
    [InlineData("1.0.0.0", "1")]
    [InlineData("1-0", "1")]
    public void Equal_spellings(string a, string b) => VersionAssert.Holds(Maven, a, "=", b);

    [Theory]
    [InlineData("1.10", ">", "1.9")]
    [InlineData("1.123456789012345678901", ">", "1.99")]
    [InlineData("2.0.0.RC1", "<", "2.0.0")] // JBoss/Spring style
    [InlineData("2.0.0.RC1", "<", "2.0.0.RC2")]
    [InlineData("5.4.2.Final", ">", "5.4.2.CR1")]
    [InlineData("1.0-a", ">", "1.0")] // "a" alone is not alpha but an unknown qualifier, after the release
    [InlineData("2.9.0-1", ">", "2.9.0.RC1")] // OSV's specification reading says "<" (see NOTICE)
    public void Orders_like_maven(string a, string op, string b) => VersionAssert.Holds(Maven, a, op, b);

    [Fact]
    public void Reproduces_mavens_own_cycles_pairwise()
    {
        // Maven 3.9's ComparableVersion gives these answers (checked with Maven's class); they are not transitive.
        VersionAssert.Holds(Maven, "1.0.beta.1", "<", "1.0");
        VersionAssert.Holds(Maven, "1.0", "<", "1.0-sp");
        VersionAssert.Holds(Maven, "1.0-sp", "<", "1.0.beta.1");
        VersionAssert.Holds(Maven, "1", "<", "1.a.1");
        VersionAssert.Holds(Maven, "1.a.1", "<", "1-SNAPSHOT");
        VersionAssert.Holds(Maven, "1-SNAPSHOT", "<", "1");
    }

    [Theory]
    [InlineData("1.0", true)]
    [InlineData("anything-goes_1", true)]
    [InlineData("1.0 beta", false)]
    [InlineData("", false)]
    public void IsValid_refuses_only_empty_and_blank_containing_strings(string version, bool valid) =>
        Assert.Equal(valid, Maven.IsValid(version));
}
