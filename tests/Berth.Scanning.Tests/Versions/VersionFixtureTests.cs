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
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, null),
    };
}
