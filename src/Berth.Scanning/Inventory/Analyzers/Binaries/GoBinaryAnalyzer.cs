namespace Berth.Scanning.Inventory.Analyzers.Binaries;

/// <summary>
/// Go modules compiled into ELF executables, from the embedded build info: the main module, every
/// <c>dep</c> (a <c>=&gt;</c> replacement with a version replaces the dependency; a local directory
/// replacement keeps the required path and version), and the toolchain as <c>stdlib</c>.
/// </summary>
public sealed class GoBinaryAnalyzer : IPackageAnalyzer
{
    private const int MaxSection = 1024 * 1024;

    public string Id => "go-binary/1";

    public bool ElfOnly => true;

    public bool Wants(LayerFile file) => file.IsExecutable && file.Size > 1024;

    public void Analyze(LayerFile file, Stream content, FileFindings findings)
    {
        var elf = ElfFile.Open(content);
        if (elf.Section(".go.buildinfo") is not { } section || elf.Read(section, MaxSection) is not { } bytes)
        {
            return;
        }

        if (GoBuildInfo.Read(bytes, elf.ReadAddress) is not var (goVersion, modInfo))
        {
            return;
        }

        AddModules(modInfo, findings);
        // "go1.21.5", "go1.20.1 X:boringcrypto"; development toolchains ("devel +abc") have no release.
        var toolchain = goVersion.Split(' ')[0];
        if (toolchain.StartsWith("go", StringComparison.Ordinal) && toolchain.Length > 2 && char.IsAsciiDigit(toolchain[2]))
        {
            findings.Packages.Add(new FoundPackage(PackageKind.Go, "stdlib", toolchain[2..]));
        }
    }

    /// <summary>Adds the modules listed in <c>runtime/debug</c>'s text form of the module info.</summary>
    internal static void AddModules(string modInfo, FileFindings findings)
    {
        (string Path, string Version)? pending = null;
        foreach (var line in modInfo.Split('\n'))
        {
            var fields = line.Split('\t');
            switch (fields[0])
            {
                case "mod" or "dep" when fields.Length >= 3:
                    Flush(pending, findings);
                    pending = (fields[1], fields[2]);
                    break;
                case "mod" or "dep" when fields.Length == 2:
                    Flush(pending, findings);
                    pending = (fields[1], "(devel)");
                    break;
                // A directory replacement ("=> ./greeting (devel)") has no module version: keep the required one.
                case "=>" when pending is not null && fields.Length >= 3 && fields[2].Length > 0 && !IsLocalPath(fields[1]):
                    pending = (fields[1], fields[2]);
                    break;
            }
        }

        Flush(pending, findings);
    }

    private static bool IsLocalPath(string path) => path.StartsWith('.') || path.StartsWith('/');

    private static void Flush((string Path, string Version)? module, FileFindings findings)
    {
        if (module is { Path.Length: > 0, Version.Length: > 0 } m)
        {
            findings.Packages.Add(new FoundPackage(PackageKind.Go, m.Path, m.Version));
        }
    }
}
