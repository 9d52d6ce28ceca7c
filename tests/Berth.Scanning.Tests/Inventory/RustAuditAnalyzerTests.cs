using System.IO.Compression;
using Berth.Scanning.Inventory.Analyzers;
using Berth.Scanning.Inventory.Analyzers.Binaries;
using Berth.Scanning.Tests.Inventory.TestImages;

namespace Berth.Scanning.Tests.Inventory;

public sealed class RustAuditAnalyzerTests
{
    // cargo-auditable is not installed here: its section is added to a real ELF binary with objcopy, holding
    // zlib-compressed JSON in the format cargo-auditable documents (auditable-serde's VersionInfo).
    internal const string AuditJson = """
        {"packages":[
          {"name":"berth-demo","version":"0.1.0","source":"local","root":true,"dependencies":[1,2]},
          {"name":"serde","version":"1.0.193","source":"crates.io"},
          {"name":"regex","version":"1.5.4","source":"crates.io","kind":"runtime"}
        ]}
        """;

    [Fact]
    public void Reads_crates_from_the_dep_v0_section_and_leaves_out_local_ones()
    {
        var binary = WithAuditSection(AuditJson);

        var packages = Analyze.File(new RustAuditAnalyzer(), "usr/local/bin/berth-demo", binary, executable: true).Packages;

        Assert.Equal(
            [new FoundPackage(PackageKind.Cargo, "serde", "1.0.193"), new FoundPackage(PackageKind.Cargo, "regex", "1.5.4")],
            packages);
    }

    [Fact]
    public void A_binary_without_the_section_has_no_crates() =>
        Assert.Empty(Analyze.File(new RustAuditAnalyzer(), "bin/true", File.ReadAllBytes("/bin/true"), executable: true).Packages);

    internal static byte[] WithAuditSection(string json)
    {
        var dir = Tools.TempDirectory("berth-rust-");
        try
        {
            var section = Path.Combine(dir, "dep-v0");
            using (var file = File.Create(section))
            using (var zlib = new ZLibStream(file, CompressionLevel.Optimal))
            {
                zlib.Write(System.Text.Encoding.UTF8.GetBytes(json));
            }

            var binary = Path.Combine(dir, "berth-demo");
            File.Copy("/bin/true", binary);
            Tools.Run("objcopy", ["--add-section", $".dep-v0={section}", "--set-section-flags", ".dep-v0=noload,readonly", binary]);
            return File.ReadAllBytes(binary);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
