using Berth.Scanning.Inventory.Analyzers;
using Berth.Scanning.Inventory.Analyzers.Os;
using Berth.Scanning.Tests.Inventory.TestImages;

namespace Berth.Scanning.Tests.Inventory;

/// <summary>Builds a real sqlite rpmdb with rpmbuild and rpm (Debian's rpm 4.18 defaults to the sqlite backend).</summary>
public sealed class RpmDatabaseAnalyzerTests
{
    [Fact]
    public void Reads_packages_from_an_rpmdb_built_by_rpm()
    {
        var db = RpmFixture.BuildDatabase();

        var packages = Analyze.File(new RpmDatabaseAnalyzer(), "var/lib/rpm/rpmdb.sqlite", db).Packages.OrderBy(p => p.Name).ToList();

        Assert.Equal(
            [
                new FoundPackage(PackageKind.Rpm, "berth-plain", "0.9-1.el9") { Arch = "noarch", SourceName = "berth-plain", SourceVersion = "0.9-1.el9" },
                new FoundPackage(PackageKind.Rpm, "berth-tools", "2:1.2.3-4.el9")
                {
                    Arch = "noarch", Epoch = "2", SourceName = "berth-tools", SourceVersion = "2:1.2.3-4.el9",
                },
            ],
            packages);
    }

    [Fact]
    public void A_file_that_is_not_sqlite_is_reported_unreadable()
    {
        var findings = new FileFindings();
        using var junk = new MemoryStream("not a database at all, just text"u8.ToArray());

        Assert.Throws<InvalidDataException>(() => new RpmDatabaseAnalyzer().Analyze(new LayerFile("var/lib/rpm/rpmdb.sqlite", junk.Length, false), junk, findings));
        Assert.Empty(findings.Packages);
    }

    [Theory]
    [InlineData("bash-5.1.8-6.el9.src.rpm", "bash")]
    [InlineData("python3-libs-3.9.18-1.el9.src.rpm", "python3-libs")]
    [InlineData(null, null)]
    public void Source_rpm_name_drops_version_and_release(string? sourceRpm, string? expected) =>
        Assert.Equal(expected, RpmDatabaseAnalyzer.SourceName(sourceRpm));
}

/// <summary>A tiny sqlite rpmdb holding two packages built with rpmbuild and registered with <c>rpm -i --justdb</c>.</summary>
public static class RpmFixture
{
    private static readonly Lazy<byte[]> Database = new(Build);

    public static byte[] BuildDatabase() => Database.Value;

    private static byte[] Build() => BuildDatabase(("berth-tools", "2", "1.2.3", "4.el9"), ("berth-plain", null, "0.9", "1.el9"));

    /// <summary>A new sqlite rpmdb holding empty noarch packages of these names and versions, built by rpmbuild and rpm.</summary>
    public static byte[] BuildDatabase(params (string Name, string? Epoch, string Version, string Release)[] packages)
    {
        var dir = Tools.TempDirectory("berth-rpm-");
        try
        {
            var rpms = packages.Select(p => Package(dir, p.Name, p.Epoch, p.Version, p.Release)).ToList();
            var dbPath = Path.Combine(dir, "db");
            Tools.Run("rpm", ["--initdb", "--dbpath", dbPath]);
            Tools.Run("rpm", ["-i", "--justdb", "--nodeps", "--noscripts", "--dbpath", dbPath, .. rpms]);
            return File.ReadAllBytes(Path.Combine(dbPath, "rpmdb.sqlite"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Package(string dir, string name, string? epoch, string version, string release)
    {
        var spec = Path.Combine(dir, name + ".spec");
        File.WriteAllText(spec, $"""
            Name: {name}
            Version: {version}
            Release: {release}
            {(epoch is null ? string.Empty : "Epoch: " + epoch)}
            Summary: Berth inventory test package
            License: MIT
            BuildArch: noarch

            %description
            A package with no files, for the rpmdb analyzer test.

            %files

            """);
        var top = Path.Combine(dir, "top");
        Tools.Run("rpmbuild", ["--define", $"_topdir {top}", "-bb", spec]);
        return Directory.GetFiles(Path.Combine(top, "RPMS", "noarch"), $"{name}-{version}-*.rpm").Single();
    }
}
