using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

public sealed class RubyGemsVersionComparerTests
{
    private static readonly RubyGemsVersionComparer Gems = RubyGemsVersionComparer.Instance;

    [Fact]
    public void Prereleases_order_before_their_release() =>
        VersionAssert.Increasing(Gems, "1.0.a1", "1.0.a9", "1.0.a10", "1.0.b1", "1.0.rc1", "1.0", "1.0.0.1", "1.1");

    [Theory]
    [InlineData("1.0", "=", "1")]
    [InlineData("1.0.0.a", "=", "1.a")] // trailing zeros of the numeric part are dropped
    [InlineData("1.a.0", "=", "1.a")] // ... and of the part after the first letters
    [InlineData("1.0.a2", "=", "1.0.a.2")]
    [InlineData("1.0-beta", "=", "1.0.pre.beta")] // '-' reads as ".pre."
    [InlineData("1.0-beta", ">", "1.0.beta")]
    [InlineData("1.A", "<", "1.a")] // letters compare case-sensitively
    [InlineData("1.10", ">", "1.9")]
    [InlineData("1.99999999999999999999", "<", "1.100000000000000000000")]
    [InlineData(" ", "=", "0")] // a blank version is 0
    public void Orders_like_gem_version(string a, string op, string b) => VersionAssert.Holds(Gems, a, op, b);

    [Theory]
    [InlineData("1.0", true)]
    [InlineData("1.0.0.rc1", true)]
    [InlineData("1.0-beta.1-x", true)]
    [InlineData(" 1.0 ", true)]
    [InlineData("", true)]
    [InlineData("1..0", false)]
    [InlineData("a.1", false)]
    [InlineData("1.0_1", false)]
    [InlineData("-1", false)]
    public void IsValid_is_gem_version_correct(string version, bool valid) => Assert.Equal(valid, Gems.IsValid(version));
}
