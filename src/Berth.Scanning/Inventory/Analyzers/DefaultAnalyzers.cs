using Berth.Scanning.Inventory.Analyzers.Binaries;
using Berth.Scanning.Inventory.Analyzers.Languages;
using Berth.Scanning.Inventory.Analyzers.Os;

namespace Berth.Scanning.Inventory.Analyzers;

/// <summary>Every built-in analyzer, in a fixed order (the order is part of the per-layer cache key).</summary>
public static class DefaultAnalyzers
{
    public static IReadOnlyList<IPackageAnalyzer> Create() =>
    [
        new OsReleaseAnalyzer(),
        new DpkgStatusAnalyzer(),
        new ApkInstalledAnalyzer(),
        new RpmDatabaseAnalyzer(),
        new NpmAnalyzer(),
        new NuGetAnalyzer(),
        new PythonAnalyzer(),
        new JavaArchiveAnalyzer(),
        new RubyGemsAnalyzer(),
        new GoBinaryAnalyzer(),
        new RustAuditAnalyzer(),
    ];
}
