using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

public sealed class DpkgVersionComparerTests
{
    private static readonly DpkgVersionComparer Dpkg = DpkgVersionComparer.Instance;

    [Fact]
    public void Tilde_sorts_before_everything_even_the_end() =>
        // deb-version(7): ~~ < ~~a < ~ < (end) < a
        VersionAssert.Increasing(Dpkg, "1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a");

    [Theory]
    [InlineData("1.0a", "<", "1.0+")] // letters before other characters
    [InlineData("1.0+", "<", "1.0.")] // other characters in ASCII order
    [InlineData("1.0", "<", "1.0.0")] // the end sorts before '.'
    [InlineData("1.01", "=", "1.1")] // numbers compare numerically
    [InlineData("1.99999999999999999999", "<", "1.100000000000000000000")]
    [InlineData("1.2.3-1~deb12u1", "<", "1.2.3-1")] // security updates of a release that later got -1
    [InlineData("1.2.3-1", "<", "1.2.3-1+deb12u1")]
    [InlineData("1.2.3-1ubuntu1", ">", "1.2.3-1")]
    public void Orders_like_dpkg(string a, string op, string b) => VersionAssert.Holds(Dpkg, a, op, b);

    [Theory]
    [InlineData("1:1.0", ">", "9.9")] // the epoch decides first
    [InlineData("0:1.0-1", "=", "1.0-1")] // a missing epoch is 0
    [InlineData("1.0-0", "=", "1.0")] // an empty revision compares as 0
    [InlineData("1.0-2-3", ">", "1.0-2-2")] // the revision follows the last hyphen
    [InlineData("1.0-2-1", ">", "1.0-1-9")] // ... so "1.0-2" is the upstream version
    public void Splits_epoch_upstream_and_revision(string a, string op, string b) => VersionAssert.Holds(Dpkg, a, op, b);

    [Theory]
    [InlineData("a:1.0", "x:1.0")] // not a numeric epoch: the colon is part of the upstream version
    [InlineData("1.0-", "1.0-0")]
    [InlineData("", "0")]
    public void Invalid_versions_still_order_deterministically(string a, string b)
    {
        Assert.False(Dpkg.IsValid(a));
        Assert.Equal(-Dpkg.Compare(b, a), Dpkg.Compare(a, b));
    }

    [Theory]
    [InlineData("1.0", true)]
    [InlineData("2:1.0.3+dfsg-1~bpo12+1", true)]
    [InlineData(" 1.0 ", true)] // dpkg ignores surrounding blanks
    [InlineData("1.0 2", false)] // embedded space
    [InlineData("a1.0", false)] // must start with a digit
    [InlineData("1.0_1", false)] // '_' is not allowed
    [InlineData("1.0-1_1", false)]
    [InlineData("1.0-", false)] // empty revision
    [InlineData(":1.0", false)] // empty epoch
    [InlineData("x:1.0", false)]
    [InlineData("99999999999:1.0", false)] // epoch above 2^31-1
    [InlineData("", false)]
    public void IsValid_matches_dpkg_without_warnings(string version, bool valid) =>
        Assert.Equal(valid, Dpkg.IsValid(version));

    [Fact]
    public void TryParse_splits_the_parts()
    {
        Assert.True(DpkgVersion.TryParse("2:1.0-3-4", out var v));
        Assert.Equal(new DpkgVersion(2, "1.0-3", "4"), v);
        Assert.Equal("2:1.0-3-4", v.ToString());
        Assert.True(DpkgVersion.TryParse("0:1.0", out v));
        Assert.Equal("1.0", v.ToString());
        Assert.False(DpkgVersion.TryParse(null, out _));
    }
}
