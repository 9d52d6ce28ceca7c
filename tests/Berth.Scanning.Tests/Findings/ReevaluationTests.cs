using Berth.Core.Scanning;
using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Storage;
using Berth.Scanning.Findings;

namespace Berth.Scanning.Tests.Findings;

public sealed class ReevaluationTests
{
    private static readonly IReadOnlySet<PackageKey> DebianImage = Reevaluation.KeysOf(new TestSbom()
        .Os("debian", "11", "Debian:11")
        .Deb("xserver-xorg-core", "2:1.20.11-1+deb11u5", "11", source: "xorg-server")
        .Deb("libssl1.1", "1.1.1n-0+deb11u4", "11", source: "openssl")
        .Read().Components);

    private static readonly IReadOnlySet<PackageKey> PythonImage = Reevaluation.KeysOf(new TestSbom().PyPI("Django_Rest", "1.0").Read().Components);

    [Fact]
    public void Sbom_keys_are_the_matching_keys_of_its_components()
    {
        Assert.Equal([new PackageKey("Debian:11", "openssl"), new PackageKey("Debian:11", "xorg-server")], DebianImage.OrderBy(k => k.Name, StringComparer.Ordinal));
        Assert.Equal([new PackageKey("PyPI", "django-rest")], PythonImage);
    }

    [Fact]
    public void Only_images_holding_a_changed_package_are_rematched()
    {
        var changed = Reevaluation.ChangedKeys(new AdvisoryChanges(7, [new PackageKey("Debian:11", "openssl"), new PackageKey("npm", "lodash")]));
        var images = new Dictionary<string, IReadOnlySet<PackageKey>> { ["debian"] = DebianImage, ["python"] = PythonImage };

        Assert.Equal(["debian"], Reevaluation.ImagesToRematch(images, changed));
        Assert.Empty(Reevaluation.ImagesToRematch(images, Reevaluation.ChangedKeys(new AdvisoryChanges(8, [new PackageKey("Debian:12", "openssl")]))));
        Assert.True(Reevaluation.NeedsRematch(PythonImage, new HashSet<PackageKey> { PackageKey.For("PyPI", "django.rest") }));
    }

    [Fact]
    public async Task A_changed_import_names_the_packages_whose_images_need_rematching()
    {
        using var store = new Advisories.TestAdvisoryStore();
        var before = await store.Store.GetChangesSinceAsync(0, CancellationToken.None);
        var report = await store.ImportAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "matching"));
        Assert.True(report.Succeeded);

        var changed = Reevaluation.ChangedKeys(await store.Store.GetChangesSinceAsync(before.LatestImportId, CancellationToken.None));

        Assert.Contains(new PackageKey("Debian:10", "python-cryptography"), changed);
        var cryptography = Reevaluation.KeysOf(new TestSbom().Deb("python3-cryptography", "2.6.1-3+deb10u2", "10", source: "python-cryptography").Read().Components);
        Assert.True(Reevaluation.NeedsRematch(cryptography, changed));
        Assert.False(Reevaluation.NeedsRematch(DebianImage, changed));
    }

    [Fact]
    public void New_findings_are_those_the_previous_report_lacked()
    {
        Finding F(string id, string version) => new() { Id = id, Package = "p", Ecosystem = "npm", InstalledVersion = version };
        var previous = new[] { F("CVE-1", "1.0"), F("CVE-2", "1.0") };
        var current = new[] { F("cve-1", "1.0"), F("CVE-2", "1.1"), F("CVE-3", "1.0") };

        Assert.Equal(["CVE-2", "CVE-3"], Reevaluation.NewFindings(previous, current).Select(f => f.Id));
        Assert.Equal(3, Reevaluation.NewFindings(null, current).Count);
    }
}
