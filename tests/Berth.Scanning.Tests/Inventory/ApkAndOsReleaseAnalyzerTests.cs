using System.Text;
using Berth.Scanning.Inventory.Analyzers;
using Berth.Scanning.Inventory.Analyzers.Os;
using Berth.Scanning.Tests.Inventory.TestImages;

namespace Berth.Scanning.Tests.Inventory;

public sealed class ApkAndOsReleaseAnalyzerTests
{
    // apk-tools is not packaged for this Debian release, so this database is written here in apk-tools'
    // installed-db format (one blank-line separated block per package, one-letter keys, F:/R: file lists).
    internal const string ApkInstalled = """
        C:Q1Tm1Ol9Oyg36MGCHiIMWMNlKt4jY=
        P:musl
        V:1.2.4_git20230717-r4
        A:x86_64
        S:407999
        I:667648
        T:the musl c library (libc) implementation
        U:https://musl.libc.org/
        L:MIT
        o:musl
        m:Natanael Copa <ncopa@alpinelinux.org>
        t:1705426010
        c:1b4e8d6a7d4eb7b0e2c4fbb5d6c1a8b1a6b5c2d0
        p:so:libc.musl-x86_64.so.1=1
        F:lib
        R:ld-musl-x86_64.so.1
        a:0:0:755
        Z:Q1Fyp2+3+1Z3Xc8m6w8N6Sa3V1ROA=

        C:Q1FW1qPqLrpDIRPUkzWDNxu5ZBu3c=
        P:libcrypto3
        V:3.1.4-r5
        A:x86_64
        S:1729470
        I:4386816
        T:Crypto library from openssl
        U:https://www.openssl.org/
        L:Apache-2.0
        o:openssl
        m:Ariadne Conill <ariadne@dereferenced.org>
        t:1706531022
        D:so:libc.musl-x86_64.so.1
        F:usr/lib
        R:libcrypto.so.3

        """;

    [Fact]
    public void Apk_installed_db_gives_name_version_arch_and_origin()
    {
        var packages = Analyze.File(new ApkInstalledAnalyzer(), "lib/apk/db/installed", Encoding.UTF8.GetBytes(ApkInstalled)).Packages;

        Assert.Equal(
            [
                new FoundPackage(PackageKind.Apk, "musl", "1.2.4_git20230717-r4") { Arch = "x86_64", SourceName = "musl", SourceVersion = "1.2.4_git20230717-r4" },
                new FoundPackage(PackageKind.Apk, "libcrypto3", "3.1.4-r5") { Arch = "x86_64", SourceName = "openssl", SourceVersion = "3.1.4-r5" },
            ],
            packages);
    }

    [Fact]
    public void Os_release_of_this_machine_gives_id_and_version_id()
    {
        var expected = File.ReadAllLines("/etc/os-release").Where(l => l.StartsWith("VERSION_ID=", StringComparison.Ordinal))
            .Select(l => l["VERSION_ID=".Length..].Trim('"')).Single();

        var os = Analyze.File(new OsReleaseAnalyzer(), "etc/os-release", File.ReadAllBytes("/etc/os-release")).OsRelease;

        Assert.NotNull(os);
        Assert.Equal("debian", os.Id);
        Assert.Equal(expected, os.VersionId);
    }

    [Fact]
    public void Debian_version_and_alpine_release_are_bare_versions()
    {
        var analyzer = new OsReleaseAnalyzer();
        var debian = Analyze.File(analyzer, "etc/debian_version", File.ReadAllBytes("/etc/debian_version")).OsRelease;
        var alpine = Analyze.File(analyzer, "etc/alpine-release", "3.19.1\n"u8.ToArray()).OsRelease;
        var testing = Analyze.File(analyzer, "etc/debian_version", "trixie/sid\n"u8.ToArray()).OsRelease;

        Assert.Equal(File.ReadAllText("/etc/debian_version").Trim(), debian?.VersionId);
        Assert.Equal(new OsRelease("alpine", "3.19.1"), alpine);
        Assert.Equal(new OsRelease("debian", null), testing);
    }
}
