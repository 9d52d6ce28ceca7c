using Berth.Scanning.Versions;
using Xunit.Abstractions;

namespace Berth.Scanning.Tests.Versions;

/// <summary>
/// Every line of every fixture file (about 58,000 pairs) must hold both ways round. One test per file keeps
/// the runner output small; a failing file reports its first failures with line numbers.
/// </summary>
public sealed class VersionFixtureTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("dpkg", "debian-versions.txt")]
    [InlineData("dpkg", "debian-versions-generated.txt")]
    [InlineData("apk", "alpine-versions.txt")]
    [InlineData("apk", "alpine-versions-generated.txt")]
    [InlineData("rpm", "redhat-versions.txt")]
    [InlineData("semver", "semver-versions.txt")]
    [InlineData("go", "semver-versions.txt")]
    [InlineData("nuget", "nuget-versions.txt")]
    [InlineData("pep440", "pypi-versions.txt")]
    [InlineData("pep440", "pypi-versions-generated.txt")]
    [InlineData("maven", "maven-versions.txt")]
    [InlineData("maven", "maven-versions-generated.txt")]
    [InlineData("rubygems", "rubygems-versions.txt")]
    [InlineData("rubygems", "rubygems-versions-generated.txt")]
    [InlineData("packagist", "packagist-versions.txt")]
    [InlineData("packagist", "packagist-versions-generated.txt")]
    [InlineData("pub", "pub-versions.txt")]
    [InlineData("cran", "cran-versions.txt")]
    [InlineData("cran", "cran-versions-generated.txt")]
    [InlineData("hackage", "hackage-versions.txt")]
    public void Every_fixture_line_holds_both_ways(string scheme, string file)
    {
        var failures = VersionFixture.Check(ComparerFor(scheme), file, output.WriteLine);
        Assert.True(failures.Length == 0, failures);
    }

    private static IVersionComparer ComparerFor(string scheme) => scheme switch
    {
        "dpkg" => DpkgVersionComparer.Instance,
        "apk" => ApkVersionComparer.Instance,
        "rpm" => RpmVersionComparer.Instance,
        "semver" => SemVerComparer.Instance,
        "go" => GoVersionComparer.Instance,
        "nuget" => NuGetVersionComparer.Instance,
        "pep440" => Pep440VersionComparer.Instance,
        "maven" => MavenVersionComparer.Instance,
        "rubygems" => RubyGemsVersionComparer.Instance,
        "packagist" => PackagistVersionComparer.Instance,
        "pub" => PubVersionComparer.Instance,
        "cran" => NumericListComparer.Cran,
        "hackage" => NumericListComparer.Hackage,
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, null),
    };
}
