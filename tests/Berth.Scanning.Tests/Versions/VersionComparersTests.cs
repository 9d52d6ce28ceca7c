using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

public sealed class VersionComparersTests
{
    [Theory]
    [InlineData("Debian", "dpkg")]
    [InlineData("Debian:12", "dpkg")]
    [InlineData("Ubuntu:22.04:LTS", "dpkg")]
    [InlineData("Alpine:v3.20", "apk")]
    [InlineData("Wolfi", "apk")]
    [InlineData("Chainguard", "apk")]
    [InlineData("Red Hat:enterprise_linux:9::appstream", "rpm")]
    [InlineData("AlmaLinux:8", "rpm")]
    [InlineData("Rocky Linux:9", "rpm")]
    [InlineData("openSUSE:Tumbleweed", "rpm")]
    [InlineData("npm", "semver")]
    [InlineData("crates.io", "semver")]
    [InlineData("Hex", "semver")]
    [InlineData("Go", "go")]
    [InlineData("PyPI", "pep440")]
    [InlineData("pypi", "pep440")]
    [InlineData("NuGet", "nuget")]
    [InlineData("Maven", "maven")]
    [InlineData("RubyGems", "rubygems")]
    [InlineData("Packagist", "packagist")]
    [InlineData("Pub", "pub")]
    [InlineData("CRAN", "cran")]
    [InlineData("Hackage", "hackage")]
    [InlineData("GHC", "hackage")]
    public void Maps_osv_ecosystems_to_their_scheme(string ecosystem, string scheme) =>
        Assert.Equal(scheme, VersionComparers.For(ecosystem)?.Scheme);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(":12")]
    [InlineData("GIT")]
    [InlineData("SwiftURL")]
    [InlineData("Bitnami")]
    [InlineData("Debianish")]
    public void Unknown_ecosystems_have_no_comparer(string? ecosystem) => Assert.Null(VersionComparers.For(ecosystem));

    [Fact]
    public void Every_listed_ecosystem_resolves() =>
        Assert.All(VersionComparers.Ecosystems, e => Assert.NotNull(VersionComparers.For(e)));
}
