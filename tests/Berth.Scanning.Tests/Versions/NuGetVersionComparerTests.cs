using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

public sealed class NuGetVersionComparerTests
{
    private static readonly NuGetVersionComparer NuGet = NuGetVersionComparer.Instance;

    [Theory]
    [InlineData("1.0.0-BETA", "=", "1.0.0-beta")] // labels are case-insensitive
    [InlineData("1.0.0-beta", "<", "1.0.0-RC")] // ... also in order (ordinal would put RC first)
    [InlineData("1.0", "=", "1.0.0.0")]
    [InlineData("1.0.01", "=", "1.0.1")]
    [InlineData("1.0.0.1", ">", "1.0.0")] // the legacy fourth number
    [InlineData("1.0.0.1-beta", ">", "1.0.0")]
    [InlineData("1.0.0-alpha.10", ">", "1.0.0-alpha.9")]
    [InlineData("1.0.0-alpha.1", "<", "1.0.0-alpha.a")]
    [InlineData("1.0.0+abc", "=", "1.0.0+def")] // metadata is ignored
    [InlineData("1.0.0-beta", "<", "1.0.0")]
    [InlineData(" 1.0.0 ", "=", "1.0.0")]
    public void Orders_like_nuget(string a, string op, string b) => VersionAssert.Holds(NuGet, a, op, b);

    [Theory]
    [InlineData("3000000000.0.0", ">", "2147483647.0.0")] // beyond NuGet's Int32: still numeric
    [InlineData("1.2.3.4.5", ">", "1.2.3.4")]
    [InlineData("latest", "<", "0.0.0-a")]
    public void Reads_invalid_versions_leniently(string a, string op, string b) => VersionAssert.Holds(NuGet, a, op, b);

    [Theory]
    [InlineData("1.0.0", true)]
    [InlineData("1", true)]
    [InlineData("1.0.0.0-rc.1+build.01", true)]
    [InlineData(" 1.0.0 ", true)]
    [InlineData("1.0.0.0.0", false)]
    [InlineData("1.0.0-beta.01", false)]
    [InlineData("2147483648.0.0", false)]
    [InlineData("1.0.0-", false)]
    [InlineData("1.0.0-beta_1", false)]
    [InlineData("v1.0.0", false)]
    public void IsValid_matches_nuget_version_parsing(string version, bool valid) =>
        Assert.Equal(valid, NuGet.IsValid(version));
}
