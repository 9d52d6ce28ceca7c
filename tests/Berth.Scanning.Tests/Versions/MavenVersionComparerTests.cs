using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

/// <summary>
/// The comparer against the POM reference's "Version Order Specification": its own examples, the choices
/// the comparer documents where the specification is silent, and the cycles the specification's order has.
/// </summary>
public sealed class MavenVersionComparerTests
{
    private static readonly MavenVersionComparer Maven = MavenVersionComparer.Instance;

    [Fact]
    public void Qualifiers_order_around_the_release() =>
        VersionAssert.Increasing(Maven, "1.0-alpha-1", "1.0-beta-1", "1.0-milestone-1", "1.0-rc-1",
            "1.0-SNAPSHOT", "1.0", "1.0-sp-1", "1.0-abc", "1.0-xyz", "1.0-1", "1.0.1");

    [Theory]
    [InlineData("1", "<", "1.1")] // number padding
    [InlineData("1-snapshot", "<", "1")] // qualifier padding
    [InlineData("1", "<", "1-sp")]
    [InlineData("1-foo2", "<", "1-foo10")] // switching to numeric order
    [InlineData("1.foo", "<", "1-foo")] // .qualifier < -qualifier < -number < .number
    [InlineData("1-foo", "<", "1-1")]
    [InlineData("1-1", "<", "1.1")]
    [InlineData("1.ga", "=", "1-ga")] // trailing nulls removed
    [InlineData("1-ga", "=", "1-0")]
    [InlineData("1-0", "=", "1.0")]
    [InlineData("1.0", "=", "1")]
    [InlineData("1-sp", ">", "1-ga")]
    [InlineData("1-sp.1", ">", "1-ga.1")] // ga stays: it is not before a hyphen
    [InlineData("1-sp-1", "<", "1-ga-1")] // ga goes: it is a null before a hyphen
    [InlineData("1-ga-1", "=", "1-1")]
    [InlineData("1-a1", "=", "1-alpha-1")]
    [InlineData("1-1.foo-bar1baz-.1", "=", "1-1.foo-bar-1-baz-0.1")] // splitting, empty tokens are 0
    [InlineData("1.0.0-foo.0.0", "=", "1-foo")] // trimming at the end and before each hyphen
    [InlineData("1.0.0-0.0.0", "=", "1")]
    public void The_specifications_examples_hold(string a, string op, string b) => VersionAssert.Holds(Maven, a, op, b);

    [Theory]
    [InlineData("1.0-cr1", "1.0-rc1")]
    [InlineData("1.0.ga", "1.0")]
    [InlineData("1.0.Final", "1.0-release")] // release is a null too, as in later editions of the page
    [InlineData("1.0a1", "1.0-alpha-1")] // a, b, m abbreviate alpha, beta, milestone before a number
    [InlineData("1.0m2", "1.0-milestone-2")]
    [InlineData("1.0-RC1", "1.0-rc1")]
    [InlineData("1.0-ABC", "1.0-abc")] // qualifiers compare ignoring case
    [InlineData("1.01", "1.1")]
    [InlineData("1.0.0.0", "1")]
    [InlineData("1-0", "1")]
    public void Equal_spellings(string a, string b) => VersionAssert.Holds(Maven, a, "=", b);

    [Theory]
    [InlineData("1.10", ">", "1.9")]
    [InlineData("1.123456789012345678901", ">", "1.99")] // numbers of any size
    [InlineData("2.0.0.RC1", "<", "2.0.0")] // JBoss/Spring style
    [InlineData("2.0.0.RC1", "<", "2.0.0.RC2")]
    [InlineData("5.4.2.Final", ">", "5.4.2.CR1")]
    [InlineData("1.0-a", ">", "1.0")] // "a" alone is not alpha but another qualifier, after the release
    [InlineData("1.0-Abc", "<", "1.0-abd")]
    public void Orders_as_the_specification_says(string a, string op, string b) => VersionAssert.Holds(Maven, a, op, b);

    [Theory]
    [InlineData("1.alpha", "<", "1")] // a missing token faces a qualifier as "", whatever the prefix
    [InlineData("1", "<", "1.sp")]
    [InlineData("1", "<", "1.foo")]
    [InlineData("1.foo", "<", "1.0.1")] // under one prefix a qualifier orders before a number
    [InlineData("1-foo", "<", "1-0-1")]
    public void Decides_what_the_specification_leaves_open(string a, string op, string b) =>
        VersionAssert.Holds(Maven, a, op, b);

    [Fact]
    public void Shares_the_specifications_cycles_pairwise()
    {
        // Fixture lines 5774-5776 of maven-versions-generated.txt, then the RCs among themselves.
        VersionAssert.Holds(Maven, "2.9.0.RC3", "<", "2.9.0");
        VersionAssert.Holds(Maven, "2.9.0", "<", "2.9.0-1");
        VersionAssert.Holds(Maven, "2.9.0-1", "<", "2.9.0.RC1");
        VersionAssert.Holds(Maven, "2.9.0.RC1", "<", "2.9.0.RC3");

        // A "." qualifier orders before a "-" one at the same place, and 1.0.2 sits between them.
        VersionAssert.Holds(Maven, "1.0.2-rc1", "<", "1.0.2");
        VersionAssert.Holds(Maven, "1.0.2", "<", "1.0.2.SR1");
        VersionAssert.Holds(Maven, "1.0.2.SR1", "<", "1.0.2-rc1");
    }

    [Theory]
    [InlineData("1.0", true)]
    [InlineData("anything-goes_1", true)]
    [InlineData("1.0 beta", false)]
    [InlineData("", false)]
    public void IsValid_refuses_only_empty_and_blank_containing_strings(string version, bool valid) =>
        Assert.Equal(valid, Maven.IsValid(version));
}
