using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

public sealed class RpmVersionComparerTests
{
    private static readonly RpmVersionComparer Rpm = RpmVersionComparer.Instance;

    [Fact]
    public void Tilde_and_caret_order_around_the_release() =>
        VersionAssert.Increasing(Rpm, "1.0~rc1", "1.0~rc1^git1", "1.0", "1.0^git1", "1.0^git2", "1.0.1");

    [Theory]
    [InlineData("1:1.0-1", ">", "2.0-1")]
    [InlineData("0:1.0-1", "=", "1.0-1")]
    [InlineData("1.0-1.el8", "<", "1.0-1.el9")]
    [InlineData("1.0-1.el8_4", "<", "1.0-1.el8_10")]
    [InlineData("2.0.1a", ">", "2.0.1")]
    [InlineData("1.0a", "<", "1.0.1")] // numeric segments are newer than alphabetic ones
    [InlineData("1.0_1", "=", "1.0.1")] // separators are all alike
    [InlineData("1..0", "=", "1.0")]
    [InlineData("1.001", "=", "1.1")]
    [InlineData("a:1", "<", "b:1")] // no digits before the colon: no epoch
    [InlineData("1.0", "<", "1.0-1")] // no release orders first (rpm would skip the release)
    [InlineData("1.0", "<", "1.0-")]
    public void Orders_like_rpm(string a, string op, string b) => VersionAssert.Holds(Rpm, a, op, b);

    [Theory]
    [InlineData("1.0-1", true)]
    [InlineData("1:2.3.4-5.el9_2.1", true)]
    [InlineData("1.0~rc1^git2-1", true)]
    [InlineData("1:1.0", true)]
    [InlineData("a:1.0", false)]
    [InlineData(":1.0", false)]
    [InlineData("1.0-", false)]
    [InlineData("1.0-1-2", false)]
    [InlineData("1.0 -1", false)]
    [InlineData("", false)]
    public void IsValid_matches_rpmbuild(string version, bool valid) => Assert.Equal(valid, Rpm.IsValid(version));

    [Fact]
    public void TryParse_splits_epoch_version_release()
    {
        Assert.True(RpmVersion.TryParse("1:2.3-4.el9", out var v));
        Assert.Equal(new RpmVersion(1, "2.3", "4.el9"), v);
        Assert.Equal("1:2.3-4.el9", v.ToString());
        Assert.True(RpmVersion.TryParse("2.3", out v));
        Assert.Equal(new RpmVersion(null, "2.3", null), v);
    }
}
