using System.Text;
using Berth.Scanning.Inventory.Analyzers;
using Berth.Scanning.Inventory.Analyzers.Os;
using Berth.Scanning.Tests.Inventory.TestImages;

namespace Berth.Scanning.Tests.Inventory;

public sealed class DpkgStatusAnalyzerTests
{
    private readonly DpkgStatusAnalyzer _analyzer = new();

    [Fact]
    public void Reads_every_installed_package_of_this_machine_as_dpkg_query_reports_it()
    {
        var status = File.ReadAllBytes("/var/lib/dpkg/status");
        var expected = Tools.Run("dpkg-query", ["-W", "-f=${db:Status-Status}\t${Package}\t${Version}\t${Architecture}\t${source:Package}\t${source:Version}\n"])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t'))
            .Where(f => f[0] == "installed")
            .Select(f => (f[1], f[2], f[3], f[4], f[5]))
            .ToHashSet();

        var found = Analyze.File(_analyzer, "var/lib/dpkg/status", status).Packages
            .Select(p => (p.Name, p.Version, p.Arch!, p.SourceName!, p.SourceVersion!))
            .ToHashSet();

        Assert.True(expected.Count > 50, "this machine should have a real dpkg database");
        Assert.Equal(expected.OrderBy(e => e.Item1 + e.Item3), found.OrderBy(e => e.Item1 + e.Item3));
        Assert.Contains(found, p => p.Item1 == "libc6" && p.Item4 == "glibc");
    }

    [Fact]
    public void Skips_paragraphs_that_are_not_installed()
    {
        var text = """
            Package: gone
            Status: deinstall ok config-files
            Version: 1.0-1

            Package: half
            Status: install reinstreq half-installed
            Version: 2.0-1

            Package: here
            Status: install ok installed
            Architecture: amd64
            Source: here-src (2.0-3)
            Version: 1:2.0-3+b1

            """;

        var packages = Analyze.File(_analyzer, "var/lib/dpkg/status", Encoding.UTF8.GetBytes(text)).Packages;

        var here = Assert.Single(packages);
        Assert.Equal(new FoundPackage(PackageKind.Deb, "here", "1:2.0-3+b1") { Arch = "amd64", SourceName = "here-src", SourceVersion = "2.0-3" }, here);
    }

    [Fact]
    public void Reads_distroless_status_d_files_which_have_no_status_field()
    {
        // Distroless images ship one paragraph per package in status.d, as dpkg wrote it minus Status.
        var libc = Paragraph(File.ReadAllText("/var/lib/dpkg/status"), "libc6").Replace("Status: install ok installed\n", string.Empty, StringComparison.Ordinal);

        var findings = Analyze.File(_analyzer, "var/lib/dpkg/status.d/libc6", Encoding.UTF8.GetBytes(libc));

        var package = Assert.Single(findings.Packages);
        Assert.Equal("libc6", package.Name);
        Assert.Equal("glibc", package.SourceName);
        Assert.False(_analyzer.Wants(new LayerFile("var/lib/dpkg/status.d/libc6.md5sums", 10, false)));
    }

    [Theory]
    [InlineData(null, "pkg", "1.0", "pkg", "1.0")]
    [InlineData("src", "pkg", "1.0", "src", "1.0")]
    [InlineData("src (0.9-2)", "pkg", "1.0", "src", "0.9-2")]
    public void Source_field_gives_source_name_and_version(string? source, string name, string version, string sourceName, string sourceVersion) =>
        Assert.Equal((sourceName, sourceVersion), DpkgStatusAnalyzer.ParseSource(source, name, version));

    internal static string Paragraph(string status, string package) =>
        status.Split("\n\n").First(p => p.StartsWith($"Package: {package}\n", StringComparison.Ordinal)) + "\n";
}
