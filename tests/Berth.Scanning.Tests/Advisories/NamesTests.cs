using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Matching;

namespace Berth.Scanning.Tests.Advisories;

public sealed class NamesTests
{
    [Theory]
    [InlineData("PyPI", "Flask_Caching", "flask-caching")]
    [InlineData("PyPI", "zope.interface", "zope-interface")]
    [InlineData("PyPI", "A-_.-b", "a-b")]
    [InlineData("NuGet", "Newtonsoft.Json", "newtonsoft.json")]
    [InlineData("npm", "@Scope/Name", "@Scope/Name")]
    [InlineData("Debian:11", "Xorg-Server", "Xorg-Server")]
    [InlineData("Go", "github.com/Foo/bar", "github.com/Foo/bar")]
    public void Name_keys(string ecosystem, string name, string expected) => Assert.Equal(expected, PackageNames.Key(ecosystem, name));

    [Theory]
    [InlineData("bullseye", "Debian:11")]
    [InlineData("buster", "Debian:10")]
    [InlineData("wheezy", "Debian:7")]
    [InlineData("squeeze", "Debian:6.0")]
    [InlineData("etch", "Debian:4.0")]
    [InlineData("woody", "Debian:3.0")]
    [InlineData("stretch-lts", "Debian:9")]
    [InlineData("sid", "Debian:sid")]
    public void Debian_codenames(string codename, string expected) => Assert.Equal(expected, DistroEcosystems.DebianFromCodename(codename));

    [Theory]
    [InlineData("11", "Debian:11")]
    [InlineData("11.6", "Debian:11")]
    [InlineData("6.0.10", "Debian:6.0")]
    [InlineData("bookworm/sid", null)]
    public void Debian_versions(string version, string? expected) => Assert.Equal(expected, DistroEcosystems.DebianFromVersion(version));

    [Fact]
    public void Alpine_and_alma_releases()
    {
        Assert.Equal("Alpine:v3.11", DistroEcosystems.Alpine("3.11.6"));
        Assert.Equal("AlmaLinux:9", DistroEcosystems.AlmaLinux("9.3"));
        Assert.Equal("0.79-8.el9", DistroEcosystems.RpmVersion(0, "0.79", "8.el9"));
        Assert.Equal("1:0.79-8.el9", DistroEcosystems.RpmVersion(1, "0.79", "8.el9"));
    }

    [Theory]
    [InlineData("Debian:11", "dpkg")]
    [InlineData("Alpine:v3.11", "apk")]
    [InlineData("AlmaLinux:9", "rpm")]
    [InlineData("PyPI", "pep440")]
    [InlineData("Ruby", "rubygems")]
    [InlineData("Node.js", "semver")]
    [InlineData("OSS-Fuzz", null)]
    public void Comparers_by_ecosystem(string ecosystem, string? scheme) => Assert.Equal(scheme, Ecosystems.Comparer(ecosystem)?.Scheme);
}
