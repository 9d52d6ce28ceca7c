using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

public sealed class PackagistVersionComparerTests
{
    private static readonly PackagistVersionComparer Packagist = PackagistVersionComparer.Instance;

    [Fact]
    public void Special_forms_order_around_numbers() =>
        VersionAssert.Increasing(Packagist, "1.0-foo", "1.0-dev", "1.0alpha1", "1.0-beta2", "1.0-RC1", "1.0",
            "1.0.1", "1.1");

    [Theory]
    [InlineData("v1.0.0", "=", "1.0.0")] // Composer drops the v
    [InlineData("1.0-a1", "=", "1.0alpha1")]
    [InlineData("1.0_b2", "=", "1.0+beta2")]
    [InlineData("1.0pl1", ">", "1.0")] // patch levels after the release
    [InlineData("1.0pl1", "=", "1.0-p1")]
    [InlineData("1.0-Beta", "<", "1.0-dev")] // forms are case-sensitive: "Beta" is no form at all
    [InlineData("1.0", "<", "1.0.0")] // more parts, next is a number: newer
    [InlineData("1.0", ">", "1.0.beta")]
    [InlineData("1.0-", "=", "1.0")] // trailing separators ignored (PHP: "<")
    [InlineData("1.10", ">", "1.9")]
    [InlineData("1.99999999999999999999", "<", "1.100000000000000000000")]
    public void Orders_like_php_version_compare(string a, string op, string b) =>
        VersionAssert.Holds(Packagist, a, op, b);

    [Theory]
    [InlineData("1.0.0", true)]
    [InlineData("v2.3.4.5", true)]
    [InlineData("1.0.0-beta2", true)]
    [InlineData("1.0.0RC1", true)]
    [InlineData("1.0.0-dev", true)]
    [InlineData("1.0.0-patch.3", true)]
    [InlineData("dev-main", false)] // a branch, not a tagged version
    [InlineData("1.0.0-foo", false)]
    [InlineData("1.0.0.0.0", false)]
    public void IsValid_matches_composer_tags(string version, bool valid) => Assert.Equal(valid, Packagist.IsValid(version));
}
