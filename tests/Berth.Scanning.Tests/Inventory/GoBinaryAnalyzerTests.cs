using System.Buffers.Binary;
using System.Text;
using Berth.Scanning.Inventory.Analyzers;
using Berth.Scanning.Inventory.Analyzers.Binaries;
using Berth.Scanning.Tests.Inventory.TestImages;

namespace Berth.Scanning.Tests.Inventory;

public sealed class GoBinaryAnalyzerTests
{
    [Fact]
    public void Reads_modules_and_toolchain_from_a_binary_built_by_go()
    {
        var binary = GoFixture.Binary();
        var goVersion = GoFixture.GoVersion();

        var packages = Analyze.File(new GoBinaryAnalyzer(), "usr/local/bin/berthdemo", binary, executable: true).Packages;

        Assert.Equal(
            [
                new FoundPackage(PackageKind.Go, "example.com/berthdemo", "(devel)"),
                new FoundPackage(PackageKind.Go, "example.com/greeting", "v1.4.2"),
                new FoundPackage(PackageKind.Go, "stdlib", goVersion),
            ],
            packages);
    }

    [Fact]
    public void Reads_the_pre_1_18_pointer_format()
    {
        // Go before 1.18 stored two pointers to string headers; addresses are resolved through the binary.
        const string ModInfo = "path\texample.com/old\nmod\texample.com/old\tv0.3.0\th1:x=\ndep\tgolang.org/x/text\tv0.3.7\th1:y=\n"
            + "dep\tgithub.com/a/b\tv1.0.0\th1:z=\n=>\tgithub.com/fork/b\tv1.0.1\th1:w=\n";
        var memory = new Dictionary<ulong, byte[]>();
        var modBytes = Sentinel().Concat(Encoding.UTF8.GetBytes(ModInfo)).Concat(Sentinel()).ToArray();
        Place(memory, 0x1000, StringHeader(0x2000, "go1.16.15".Length));
        Place(memory, 0x2000, Encoding.UTF8.GetBytes("go1.16.15"));
        Place(memory, 0x1010, StringHeader(0x3000, modBytes.Length));
        Place(memory, 0x3000, modBytes);
        var section = new byte[32];
        new byte[] { 0xff }.Concat(" Go buildinf:"u8.ToArray()).ToArray().CopyTo(section, 0);
        section[14] = 8;
        section[15] = 0;
        BinaryPrimitives.WriteUInt64LittleEndian(section.AsSpan(16), 0x1000);
        BinaryPrimitives.WriteUInt64LittleEndian(section.AsSpan(24), 0x1010);

        var info = GoBuildInfo.Read(section, (address, length) =>
            memory.TryGetValue(address, out var bytes) && bytes.Length >= length ? bytes[..length] : null);

        Assert.NotNull(info);
        Assert.Equal("go1.16.15", info.Value.GoVersion);
        var findings = new FileFindings();
        GoBinaryAnalyzer.AddModules(info.Value.ModInfo, findings);
        Assert.Equal(
            ["example.com/old@v0.3.0", "golang.org/x/text@v0.3.7", "github.com/fork/b@v1.0.1"],
            findings.Packages.Select(p => $"{p.Name}@{p.Version}"));
    }

    [Fact]
    public void A_non_go_elf_binary_has_no_packages()
    {
        var packages = Analyze.File(new GoBinaryAnalyzer(), "bin/true", File.ReadAllBytes("/bin/true"), executable: true).Packages;

        Assert.Empty(packages);
    }

    private static byte[] Sentinel() => [.. Enumerable.Range(0, 16).Select(i => (byte)(0xf0 + i))];

    private static byte[] StringHeader(ulong data, int length)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(header, data);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(8), (ulong)length);
        return header;
    }

    private static void Place(Dictionary<ulong, byte[]> memory, ulong address, byte[] bytes) => memory[address] = bytes;
}

/// <summary>Builds a small Go program with one dependency replaced by a local directory, offline.</summary>
public static class GoFixture
{
    private static readonly Lazy<byte[]> Built = new(Build);

    public static byte[] Binary() => Built.Value;

    public static string GoVersion() => Tools.Run("go", ["env", "GOVERSION"]).Trim()[2..];

    private static byte[] Build()
    {
        var dir = Tools.TempDirectory("berth-go-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "greeting"));
            File.WriteAllText(Path.Combine(dir, "greeting", "go.mod"), "module example.com/greeting\n\ngo 1.19\n");
            File.WriteAllText(Path.Combine(dir, "greeting", "greeting.go"), "package greeting\n\nfunc Hello() string { return \"hello\" }\n");
            File.WriteAllText(Path.Combine(dir, "go.mod"),
                "module example.com/berthdemo\n\ngo 1.19\n\nrequire example.com/greeting v1.4.2\n\nreplace example.com/greeting => ./greeting\n");
            File.WriteAllText(Path.Combine(dir, "main.go"),
                "package main\n\nimport (\n\t\"fmt\"\n\t\"example.com/greeting\"\n)\n\nfunc main() { fmt.Println(greeting.Hello()) }\n");
            var env = new Dictionary<string, string>
            {
                ["GOPROXY"] = "off", ["GOFLAGS"] = "-mod=mod", ["CGO_ENABLED"] = "0", ["GOTOOLCHAIN"] = "local",
                ["GOCACHE"] = Path.Combine(dir, ".cache"), ["GOPATH"] = Path.Combine(dir, ".gopath"), ["HOME"] = dir,
            };
            Tools.Run("go", ["build", "-o", "berthdemo", "."], dir, env);
            return File.ReadAllBytes(Path.Combine(dir, "berthdemo"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
