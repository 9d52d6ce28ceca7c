using Berth.Scanning.Inventory.Analyzers;
using Berth.Scanning.Sbom;

namespace Berth.Scanning.Tests.Sbom;

public sealed class PackageUrlTests
{
    private static readonly OsRelease Bookworm = new("debian", "12");

    [Fact]
    public void Deb_purl_keeps_the_epoch_colon_and_encodes_plus()
    {
        var package = new FoundPackage(PackageKind.Deb, "libc6", "1:2.36-9+deb12u4") { Arch = "amd64" };

        Assert.Equal("pkg:deb/debian/libc6@1:2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12", PackageUrls.For(package, Bookworm));
    }

    [Theory]
    [InlineData(PackageKind.Npm, null, "@babel/core", "7.23.0", "pkg:npm/%40babel/core@7.23.0")]
    [InlineData(PackageKind.PyPI, null, "Flask_SQLAlchemy", "3.1.1", "pkg:pypi/flask-sqlalchemy@3.1.1")]
    [InlineData(PackageKind.Go, null, "github.com/sirupsen/logrus", "v1.9.3", "pkg:golang/github.com/sirupsen/logrus@v1.9.3")]
    [InlineData(PackageKind.Maven, "org.apache.commons", "commons-text", "1.10.0", "pkg:maven/org.apache.commons/commons-text@1.10.0")]
    [InlineData(PackageKind.Gem, null, "rack", "2.2.8", "pkg:gem/rack@2.2.8")]
    [InlineData(PackageKind.NuGet, null, "Newtonsoft.Json", "13.0.1", "pkg:nuget/Newtonsoft.Json@13.0.1")]
    [InlineData(PackageKind.Cargo, null, "serde", "1.0.193", "pkg:cargo/serde@1.0.193")]
    public void Language_purls(PackageKind kind, string? group, string name, string version, string expected) =>
        Assert.Equal(expected, PackageUrls.For(new FoundPackage(kind, name, version) { Group = group }, os: null));

    [Theory]
    [InlineData("debian", "12", null, "Debian:12")]
    [InlineData("debian", "6.0.10", null, "Debian:6.0")]
    [InlineData("debian", null, "trixie", "Debian:13")]
    [InlineData("alpine", "3.19.1", null, "Alpine:v3.19")]
    [InlineData("almalinux", "9.3", null, "AlmaLinux:9")]
    [InlineData("rocky", "8.9", null, "Rocky Linux:8")]
    [InlineData("plan9", "4", null, null)]
    public void Distro_ecosystems_follow_osv(string id, string? versionId, string? codename, string? expected) =>
        Assert.Equal(expected, InventoryEcosystems.ForDistro(new OsRelease(id, versionId, Codename: codename)));
}
