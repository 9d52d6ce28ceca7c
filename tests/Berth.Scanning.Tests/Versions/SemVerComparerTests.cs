using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

public sealed class SemVerComparerTests
{
    private static readonly SemVerComparer SemVer = SemVerComparer.Instance;

    [Fact]
    public void Orders_the_specification_example() =>
        VersionAssert.Increasing(SemVer, "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
            "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");

    [Theory]
    [InlineData("1.0.0+build.1", "=", "1.0.0+build.2")] // build metadata is ignored
    [InlineData("1.0.0-alpha+x", "=", "1.0.0-alpha+y")]
    [InlineData("1.0.0-1", "<", "1.0.0-a")] // numeric identifiers before alphanumeric ones
    [InlineData("1.0.0-0.3.7", "<", "1.0.0-x.7.z.92")]
    [InlineData("1.0.0-B", "<", "1.0.0-a")] // ASCII order, case-sensitive
    [InlineData("10000000000000000000000.0.0", ">", "9999999999999999999999.0.0")]
    [InlineData("v1.2.3", "=", "1.2.3")]
    public void Orders_like_semver(string a, string op, string b) => VersionAssert.Holds(SemVer, a, op, b);

    [Theory]
    [InlineData("1.2", "=", "1.2.0")] // missing numbers are 0
    [InlineData("01.2.3", "=", "1.2.3")] // leading zeros tolerated
    [InlineData("1.2.3.4", ">", "1.2.3")] // other text after the numbers orders after them
    [InlineData("1.2.3.4", "<", "1.2.4-alpha")]
    [InlineData("latest", "<", "0.0.0-0")] // no leading number: before every version
    [InlineData("abc", "<", "abd")]
    public void Reads_invalid_versions_leniently(string a, string op, string b) => VersionAssert.Holds(SemVer, a, op, b);

    [Theory]
    [InlineData("1.2.3", true)]
    [InlineData("v1.2.3-rc.1+build.5", true)]
    [InlineData("1.2.3-a-b.c--d", true)]
    [InlineData("1.2", false)]
    [InlineData("01.2.3", false)]
    [InlineData("1.2.3-01", false)]
    [InlineData("1.2.3-", false)]
    [InlineData("1.2.3+", false)]
    [InlineData("1.2.3-a..b", false)]
    [InlineData("1.2.3-a_b", false)]
    [InlineData("1.2.3.4", false)]
    public void IsValid_is_semver_2_with_an_optional_v(string version, bool valid) =>
        Assert.Equal(valid, SemVer.IsValid(version));
}
