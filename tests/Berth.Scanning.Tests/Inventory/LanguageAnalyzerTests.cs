using System.Text;
using Berth.Scanning.Inventory.Analyzers;
using Berth.Scanning.Inventory.Analyzers.Languages;
using Berth.Scanning.Tests.Inventory.TestImages;

namespace Berth.Scanning.Tests.Inventory;

public sealed class LanguageAnalyzerTests
{
    [Fact]
    public void Npm_lockfile_v3_lists_every_installed_package_including_nested_and_scoped()
    {
        var lockfile = File.ReadAllBytes(Analyze.TestData("inventory", "npm", "package-lock.json"));

        var packages = Analyze.File(new NpmAnalyzer(), "app/package-lock.json", lockfile).Packages;

        Assert.Equal(
            ["@types/ms@0.7.34", "debug@4.3.4", "ms@2.1.2", "ms@2.1.3"],
            packages.Select(p => $"{p.Name}@{p.Version}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Npm_installed_package_json_is_read_only_directly_under_node_modules()
    {
        var analyzer = new NpmAnalyzer();
        var manifest = File.ReadAllBytes(Analyze.TestData("inventory", "npm", "semver-package.json"));

        var packages = Analyze.File(analyzer, "usr/lib/node_modules/npm/node_modules/semver/package.json", manifest).Packages;

        Assert.Equal(new FoundPackage(PackageKind.Npm, "semver", "7.8.5"), Assert.Single(packages));
        Assert.True(analyzer.Wants(new LayerFile("app/node_modules/@types/ms/package.json", 10, false)));
        Assert.False(analyzer.Wants(new LayerFile("app/node_modules/semver/functions/package.json", 10, false)));
        Assert.False(analyzer.Wants(new LayerFile("app/package.json", 10, false)));
    }

    [Fact]
    public void NuGet_deps_json_of_this_test_assembly_lists_its_packages()
    {
        var deps = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Berth.Scanning.Tests.deps.json"));

        var packages = Analyze.File(new NuGetAnalyzer(), "app/Berth.Scanning.Tests.deps.json", deps).Packages;

        Assert.Contains(new FoundPackage(PackageKind.NuGet, "ZstdSharp.Port", "0.8.8"), packages);
        Assert.Contains(new FoundPackage(PackageKind.NuGet, "YamlDotNet", "18.1.0"), packages);
        Assert.DoesNotContain(packages, p => p.Name.StartsWith("Berth.", StringComparison.Ordinal));
    }

    [Fact]
    public void NuGet_packages_lock_json_gives_resolved_versions()
    {
        var lockfile = File.ReadAllBytes(Analyze.TestData("inventory", "nuget", "packages.lock.json"));

        var packages = Analyze.File(new NuGetAnalyzer(), "src/app/packages.lock.json", lockfile).Packages;

        Assert.Equal(
            [new FoundPackage(PackageKind.NuGet, "Dapper", "2.1.66"), new FoundPackage(PackageKind.NuGet, "YamlDotNet", "18.1.0")],
            packages);
    }

    [Fact]
    public void Python_dist_info_and_egg_info_metadata()
    {
        var analyzer = new PythonAnalyzer();
        var wheel = Analyze.File(analyzer, "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA",
            File.ReadAllBytes(Analyze.TestData("inventory", "python", "PyYAML-METADATA"))).Packages;
        var egg = Analyze.File(analyzer, "usr/lib/python3/dist-packages/PyJWT-2.6.0.egg-info/PKG-INFO",
            File.ReadAllBytes(Analyze.TestData("inventory", "python", "PyJWT-PKG-INFO"))).Packages;

        Assert.Equal(new FoundPackage(PackageKind.PyPI, "PyYAML", "6.0"), Assert.Single(wheel));
        Assert.Equal(new FoundPackage(PackageKind.PyPI, "PyJWT", "2.6.0"), Assert.Single(egg));
    }

    [Theory]
    [InlineData("PyYAML", "pyyaml")]
    [InlineData("zope.interface", "zope-interface")]
    [InlineData("Foo__Bar-.baz", "foo-bar-baz")]
    public void Python_names_are_normalised_as_pep_503_says(string name, string expected) =>
        Assert.Equal(expected, PythonAnalyzer.Normalize(name));

    [Fact]
    public void Java_pom_properties_win_and_manifest_is_the_fallback()
    {
        var analyzer = new JavaArchiveAnalyzer();
        var slf4j = Analyze.File(analyzer, "opt/app/lib/slf4j-nop-1.7.32.jar",
            File.ReadAllBytes(Analyze.TestData("inventory", "java", "slf4j-nop-1.7.32.jar"))).Packages;
        var inject = Analyze.File(analyzer, "opt/app/lib/javax.inject-1.jar",
            File.ReadAllBytes(Analyze.TestData("inventory", "java", "javax.inject-1.jar"))).Packages;

        Assert.Equal(new FoundPackage(PackageKind.Maven, "slf4j-nop", "1.7.32") { Group = "org.slf4j" }, Assert.Single(slf4j));
        Assert.Equal(new FoundPackage(PackageKind.Maven, "javax.inject", "1.0.0"), Assert.Single(inject));
    }

    [Fact]
    public void Java_archives_nested_in_a_fat_jar_are_read()
    {
        using var fat = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(fat, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("BOOT-INF/lib/slf4j-nop-1.7.32.jar");
            using var target = entry.Open();
            target.Write(File.ReadAllBytes(Analyze.TestData("inventory", "java", "slf4j-nop-1.7.32.jar")));
        }

        var packages = Analyze.File(new JavaArchiveAnalyzer(), "app/app.jar", fat.ToArray()).Packages;

        Assert.Equal("slf4j-nop", Assert.Single(packages).Name);
    }

    [Fact]
    public void Gem_specification_stub_gives_name_and_version()
    {
        // RubyGems writes this stub into specifications/ at install time (ruby is not on this machine,
        // so the stub is written here in the format `gem install` produces).
        const string Stub = """
            # -*- encoding: utf-8 -*-
            # stub: rack 2.2.8 ruby lib

            Gem::Specification.new do |s|
              s.name = "rack".freeze
              s.version = "2.2.8"

              s.required_rubygems_version = Gem::Requirement.new(">= 0".freeze) if s.respond_to? :required_rubygems_version=
              s.require_paths = ["lib".freeze]
              s.authors = ["Leah Neukirchen".freeze]
              s.licenses = ["MIT".freeze]
              s.summary = "A modular Ruby webserver interface".freeze
            end
            """;

        var packages = Analyze.File(new RubyGemsAnalyzer(), "usr/local/bundle/specifications/rack-2.2.8.gemspec", Encoding.UTF8.GetBytes(Stub)).Packages;
        var fromName = Analyze.File(new RubyGemsAnalyzer(), "var/lib/gems/3.1.0/specifications/net-http-0.4.1.gemspec", "# empty\n"u8.ToArray()).Packages;

        Assert.Equal(new FoundPackage(PackageKind.Gem, "rack", "2.2.8"), Assert.Single(packages));
        Assert.Equal(new FoundPackage(PackageKind.Gem, "net-http", "0.4.1"), Assert.Single(fromName));
    }
}
