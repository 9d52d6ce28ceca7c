using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

public sealed class PubAndNumericListComparerTests
{
    [Theory]
    [InlineData("1.0.0", "<", "1.0.0+1")] // build metadata counts, after the plain version
    [InlineData("1.0.0+1", "<", "1.0.0+a")] // numbers before text
    [InlineData("1.0.0+2", "<", "1.0.0+10")]
    [InlineData("1.0.0-pre+9", "<", "1.0.0")]
    [InlineData("1.0.0-beta", "<", "1.0.0-beta.1")]
    public void Pub_orders_like_pub_semver(string a, string op, string b) =>
        VersionAssert.Holds(PubVersionComparer.Instance, a, op, b);

    [Theory]
    [InlineData("1.0.0+build.1", true)]
    [InlineData("v1.0.0", false)]
    [InlineData("1.0", false)]
    public void Pub_IsValid(string version, bool valid) => Assert.Equal(valid, PubVersionComparer.Instance.IsValid(version));

    [Theory]
    [InlineData("1.0", "<", "1.0.0")] // a prefix orders first: no padding with zeros
    [InlineData("0.1-2", "=", "0.1.2")] // '-' separates like '.'
    [InlineData("0.9", "<", "0.75")]
    [InlineData("0.01", "=", "0.1")]
    [InlineData("1.0-0", "<", "1.1-0")]
    public void Cran_orders_like_package_version(string a, string op, string b) =>
        VersionAssert.Holds(NumericListComparer.Cran, a, op, b);

    [Theory]
    [InlineData("1.0", "<", "1.0.0")]
    [InlineData("0.11.3.0", "<", "1.0")]
    [InlineData("1.0-2", ">", "1.0")] // not a Hackage version: the tail orders after the numbers
    public void Hackage_orders_like_cabal_version(string a, string op, string b) =>
        VersionAssert.Holds(NumericListComparer.Hackage, a, op, b);

    [Theory]
    [InlineData("cran", "1.2-3", true)]
    [InlineData("cran", "1", false)] // package_version needs two numbers
    [InlineData("cran", "1.2a", false)]
    [InlineData("hackage", "1", true)]
    [InlineData("hackage", "1.2.3.4", true)]
    [InlineData("hackage", "1.2-3", false)]
    [InlineData("hackage", "", false)]
    public void IsValid(string scheme, string version, bool valid) =>
        Assert.Equal(valid, (scheme == "cran" ? NumericListComparer.Cran : NumericListComparer.Hackage).IsValid(version));
}
