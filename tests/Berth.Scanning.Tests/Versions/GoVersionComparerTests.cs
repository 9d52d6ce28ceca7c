using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

public sealed class GoVersionComparerTests
{
    private static readonly GoVersionComparer Go = GoVersionComparer.Instance;

    [Theory]
    [InlineData("v1.2.3", "=", "1.2.3")] // OSV writes Go versions without the v
    [InlineData("v1", "=", "v1.0.0")]
    [InlineData("v1.2", "=", "v1.2.0")]
    [InlineData("v2.0.0+incompatible", "=", "v2.0.0")]
    [InlineData("v2.0.0+incompatible", ">", "v1.9.9")]
    [InlineData("v0.0.0-20191109021931-daa7c04131f5", "<", "v0.0.0-20200101000000-aaaaaaaaaaaa")]
    public void Orders_like_golang_x_mod_semver(string a, string op, string b) => VersionAssert.Holds(Go, a, op, b);

    [Fact]
    public void Pseudo_versions_order_between_their_base_and_the_next_release() =>
        VersionAssert.Increasing(Go, "v1.2.3", "v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4-pre",
            "v1.2.4-pre.0.20191109021931-daa7c04131f5", "v1.2.4-pre.1", "v1.2.4");

    [Theory]
    [InlineData("v1.2.3.4", "<", "v0.0.1")] // invalid versions order before every valid one
    [InlineData("v01.2.3", "<", "v0.0.0")]
    [InlineData("v1.2-pre", "<", "v0.0.1")] // shorthands cannot carry a prerelease
    [InlineData("v1.2.3.4", "<", "v1.2.3.5")] // and among themselves by the lenient SemVer reading
    public void Invalid_versions_order_first(string a, string op, string b) => VersionAssert.Holds(Go, a, op, b);

    [Theory]
    [InlineData("v1.2.3", true)]
    [InlineData("1.2.3", true)]
    [InlineData("v1", true)]
    [InlineData("v1.2", true)]
    [InlineData("v0.0.0-20191109021931-daa7c04131f5", true)]
    [InlineData("v2.0.0+incompatible", true)]
    [InlineData("v1.2-pre", false)]
    [InlineData("v01.2.3", false)]
    [InlineData("v1.2.3.4", false)]
    [InlineData("latest", false)]
    public void IsValid_accepts_go_semver_with_or_without_v(string version, bool valid) =>
        Assert.Equal(valid, Go.IsValid(version));
}
