// Not a test: times a cold import of every advisory under a directory into a fresh SQLite file, then an
// unchanged re-import, and prints what was read. Usage: dotnet run -c Release -- [path] [database-dir]
using System.Diagnostics;
using Berth.Advisories.Sqlite;
using Berth.Advisories.Sqlite.Database;
using Berth.Advisories.Sqlite.Store;
using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Import;
using Berth.Scanning.Advisories.Matching;
using Berth.Scanning.Advisories.Storage;
using Microsoft.Data.Sqlite;

var source = args.Length > 0 ? args[0] : "/work/shared/advisories";
var directory = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "berth-advisory-bench-" + Guid.NewGuid().ToString("N"));
var database = new AdvisoryDatabase(new SqliteAdvisoryOptions { DataFile = Path.Combine(directory, "advisories.db") });
var store = new SqliteAdvisoryStore(database, TimeProvider.System);
var importer = new AdvisoryImporter(store);

var parseOnly = await new AdvisoryImporter(new NullStore()).ImportAsync(source, CancellationToken.None);
Console.WriteLine($"read and parse only: {parseOnly.Elapsed.TotalSeconds:F2} s ({parseOnly.AdvisoriesRead} advisories)");

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

// A 1,000-component SBOM's lookup: 1,000 stored keys (so every one has candidates), best of three.
var thousand = new List<PackageKey>();
using (var connection = new SqliteConnection(database.ConnectionString))
{
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT DISTINCT ecosystem, name_key FROM affected ORDER BY ecosystem, name_key;";
    using var reader = command.ExecuteReader();
    var all = new List<PackageKey>();
    while (reader.Read())
    {
        all.Add(new PackageKey(reader.GetString(0), reader.GetString(1)));
    }

    var step = Math.Max(1, all.Count / 1000);
    for (var i = 0; i < all.Count && thousand.Count < 1000; i += step)
    {
        thousand.Add(all[i]);
    }
}

var fresh = new SqliteAdvisoryStore(database, TimeProvider.System);
var first = Stopwatch.StartNew();
var found = (await fresh.FindCandidatesAsync(thousand, CancellationToken.None)).Count;
var firstMs = first.Elapsed.TotalMilliseconds;
var best = double.MaxValue;
for (var round = 0; round < 3; round++)
{
    var timer = Stopwatch.StartNew();
    found = (await fresh.FindCandidatesAsync(thousand, CancellationToken.None)).Count;
    best = Math.Min(best, timer.Elapsed.TotalMilliseconds);
}

Console.WriteLine($"lookup of {thousand.Count} stored package keys: {found} candidates, first call {firstMs:F1} ms, then best of 3: {best:F1} ms");

// The same 1,000 queries without materialising anything, to separate SQLite from JSON.
using (var connection = new SqliteConnection(database.ConnectionString))
{
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT a.pk, length(a.header), length(f.entry) FROM affected f JOIN advisory a ON a.pk = f.advisory_pk WHERE f.ecosystem = $e AND f.name_key = $n AND a.withdrawn IS NULL ORDER BY a.source, a.id, f.ordinal;";
    var e = command.Parameters.Add("$e", SqliteType.Text);
    var n = command.Parameters.Add("$n", SqliteType.Text);
    var rawBest = double.MaxValue;
    for (var round = 0; round < 3; round++)
    {
        var timer = Stopwatch.StartNew();
        foreach (var key in thousand)
        {
            (e.Value, n.Value) = (key.Ecosystem, key.Name);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
            }
        }

        rawBest = Math.Min(rawBest, timer.Elapsed.TotalMilliseconds);
    }

    Console.WriteLine($"  of which SQLite alone, best of 3: {rawBest:F1} ms");
}
// Sanity sweep over every stored entry: a version the entry names as a fix must not itself be affected,
// unless another of its ranges covers it again.
using (var connection = new SqliteConnection(database.ConnectionString))
{
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT a.id, f.entry FROM affected f JOIN advisory a ON a.pk = f.advisory_pk;";
    using var reader = command.ExecuteReader();
    int entries = 0, fixes = 0, affectedFixes = 0;
    var sweep = Stopwatch.StartNew();
    while (reader.Read())
    {
        entries++;
        var entry = AdvisoryJson.DeserializeAffected((byte[])reader.GetValue(1));
        if (Ecosystems.Comparer(entry.Ecosystem) is not { } comparer)
        {
            continue;
        }

        foreach (var fix in Remediation.FixedVersions(entry, comparer).Distinct())
        {
            fixes++;
            if (AffectedEvaluator.Affects(fix, entry, comparer))
            {
                if (++affectedFixes <= 10)
                {
                    Console.WriteLine($"  fix {fix} of {reader.GetString(0)} {entry.Ecosystem}/{entry.Name} is affected");
                }
            }
        }
    }

    Console.WriteLine($"sanity: {entries} entries, {fixes} fixed versions evaluated in {sweep.Elapsed.TotalSeconds:F1} s, {affectedFixes} of them affected");
}

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
