using System.IO.Compression;
using System.Text.Json;

namespace Berth.Scanning.Inventory.Analyzers.Binaries;

/// <summary>
/// Rust crates recorded by cargo-auditable: the <c>.dep-v0</c> ELF section holds zlib-compressed JSON
/// <c>{"packages":[{"name","version","source",...}]}</c>. Workspace-local crates (source <c>local</c>)
/// are not published crates and are left out.
/// </summary>
public sealed class RustAuditAnalyzer : IPackageAnalyzer
{
    private const int MaxSection = 8 * 1024 * 1024;
    private const int MaxJson = 32 * 1024 * 1024;

    public string Id => "rust-audit/1";

    public bool ElfOnly => true;

    public bool Wants(LayerFile file) => file.IsExecutable && file.Size > 1024;

    public void Analyze(LayerFile file, Stream content, FileFindings findings)
    {
        var elf = ElfFile.Open(content);
        if (elf.Section(".dep-v0") is not { } section || elf.Read(section, MaxSection) is not { } compressed)
        {
            return;
        }

        using var json = new MemoryStream();
        using (var inflate = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            var buffer = new byte[81920];
            int n;
            while ((n = inflate.Read(buffer)) > 0)
            {
                json.Write(buffer, 0, n);
                if (json.Length > MaxJson)
                {
                    throw new InvalidDataException("cargo-auditable data inflates past 32 MiB");
                }
            }
        }

        json.Position = 0;
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("packages", out var packages) || packages.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var p in packages.EnumerateArray())
        {
            var name = Text(p, "name");
            var version = Text(p, "version");
            if (name is { Length: > 0 } && version is { Length: > 0 } && Text(p, "source") != "local")
            {
                findings.Packages.Add(new FoundPackage(PackageKind.Cargo, name, version));
            }
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
