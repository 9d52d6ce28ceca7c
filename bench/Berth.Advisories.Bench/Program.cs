// Not a test: times a cold import of every advisory under a directory into a fresh SQLite file, then an
// unchanged re-import, and prints what was read. Usage: dotnet run -c Release -- [path] [database-dir]
using System.Diagnostics;
using Berth.Advisories.Sqlite;
using Berth.Advisories.Sqlite.Database;
using Berth.Advisories.Sqlite.Store;
using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Import;

var source = args.Length > 0 ? args[0] : "/work/shared/advisories";
var directory = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "berth-advisory-bench-" + Guid.NewGuid().ToString("N"));
var database = new AdvisoryDatabase(new SqliteAdvisoryOptions { DataFile = Path.Combine(directory, "advisories.db") });
var store = new SqliteAdvisoryStore(database, TimeProvider.System);
var importer = new AdvisoryImporter(store);

var cold = await Run("cold import", source);
if (!cold.Succeeded)
{
    return 1;
}

await Run("unchanged re-import", source);

var keys = (await store.GetSourcesAsync(CancellationToken.None)).Sum(s => s.Packages);
var sample = new List<PackageKey>();
foreach (var (ecosystem, name) in new[] { ("Debian:11", "openssl"), ("Alpine:v3.11", "openssl"), ("AlmaLinux:9", "openssl"), ("PyPI", "django"), ("Go", "stdlib"), ("npm", "lodash"), ("RubyGems", "rails"), ("crates.io", "tokio") })
{
    sample.Add(PackageKey.For(ecosystem, name));
}

var lookup = Stopwatch.StartNew();
var candidates = await store.FindCandidatesAsync(sample, CancellationToken.None);
Console.WriteLine($"lookup of {sample.Count} package keys: {candidates.Count} candidates in {lookup.Elapsed.TotalMilliseconds:F1} ms ({keys} package keys stored)");
Console.WriteLine($"database: {new FileInfo(database.DataFile).Length / 1048576.0:F1} MiB at {database.DataFile}");
return 0;

async Task<ImportReport> Run(string name, string path)
{
    var process = Process.GetCurrentProcess();
    var report = await importer.ImportAsync(path, CancellationToken.None);
    process.Refresh();
    Console.WriteLine($"{name}: {report.Elapsed.TotalSeconds:F2} s, peak working set {process.PeakWorkingSet64 / 1048576} MiB");
    if (!report.Succeeded)
    {
        Console.WriteLine($"  FAILED: {report.Failure}");
        return report;
    }

    Console.WriteLine($"  documents: {string.Join(", ", report.DocumentsByFormat.Select(p => $"{p.Key} {p.Value}"))}; ignored {report.IgnoredDocuments}");
    Console.WriteLine($"  advisories read {report.AdvisoriesRead}; added {report.Added}, updated {report.Updated}, removed {report.Removed}, unchanged {report.Unchanged}; changed package keys {report.ChangedPackages.Count}");
    Console.WriteLine($"  by source: {string.Join(", ", report.AdvisoriesBySource.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}");
    Console.WriteLine($"  skipped: {string.Join(", ", report.Skipped.Select(p => $"{p.Key} {p.Value}"))}");
    return report;
}
