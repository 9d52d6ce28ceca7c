// Not a test: imports an advisory tree (default /work/shared/advisories) into a fresh SQLite file (or reuses
// --db DIR), builds a 1,000-component CycloneDX SBOM from package keys that have advisories, and times the warm
// re-match from the stored SBOM (parse + lookup + evaluate + group + rate).
// Usage: dotnet run -c Release --project bench/Berth.Matching.Bench -- [advisories-path] [--db DIR] [--rounds N]
using System.Diagnostics;
using Berth.Advisories.Sqlite;
using Berth.Advisories.Sqlite.Database;
using Berth.Advisories.Sqlite.Store;
using Berth.Matching.Bench;
using Berth.Scanning.Advisories.Import;
using Berth.Scanning.Findings;
using Berth.Scanning.Findings.Components;

var source = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !IsValueOf(args, a)) ?? "/work/shared/advisories";
var dbDir = Value(args, "--db") ?? Path.Combine(Path.GetTempPath(), "berth-matching-bench-" + Guid.NewGuid().ToString("N"));
var rounds = int.Parse(Value(args, "--rounds") ?? "30", System.Globalization.CultureInfo.InvariantCulture);
var database = new AdvisoryDatabase(new SqliteAdvisoryOptions { DataFile = Path.Combine(dbDir, "advisories.db") });
var store = new SqliteAdvisoryStore(database, TimeProvider.System);
if ((await store.GetSourcesAsync(CancellationToken.None)).Count == 0)
{
    var import = await new AdvisoryImporter(store).ImportAsync(source, CancellationToken.None);
    if (!import.Succeeded)
    {
        Console.Error.WriteLine($"import failed: {import.Failure}");
        return 1;
    }

    Console.WriteLine($"imported {source}: {import.Added} advisories in {import.Elapsed.TotalSeconds:F1} s");
}

var sbom = SbomFactory.Build(database.ConnectionString, 1000);
var components = CycloneDxComponents.Read(sbom).Components;
Console.WriteLine($"SBOM: {components.Count} components, {sbom.Length / 1024} KiB; by ecosystem: "
    + string.Join(", ", components.GroupBy(c => c.Ecosystem!.Split(':')[0]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));

var matcher = new AdvisoryMatcher(store);
var cold = Stopwatch.StartNew();
var findings = await matcher.MatchAsync(CycloneDxComponents.Read(sbom).Components, CancellationToken.None);
Console.WriteLine($"first re-match (cold caches): {cold.Elapsed.TotalMilliseconds:F1} ms, {findings.Count} findings");

var parseAndMatch = new List<double>();
var matchOnly = new List<double>();
var cpu = new List<double>();
using var process = System.Diagnostics.Process.GetCurrentProcess();
for (var i = 0; i < rounds; i++)
{
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var timer = Stopwatch.StartNew();
    var parsed = CycloneDxComponents.Read(sbom).Components;
    var parsedAt = timer.Elapsed.TotalMilliseconds;
    findings = await matcher.MatchAsync(parsed, CancellationToken.None);
    parseAndMatch.Add(timer.Elapsed.TotalMilliseconds);
    matchOnly.Add(timer.Elapsed.TotalMilliseconds - parsedAt);
    process.Refresh();
    cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
}

var keys = Reevaluation.KeysOf(components).ToArray();
var lookups = new List<double>();
var pure = new List<double>();
for (var i = 0; i < rounds; i++)
{
    var timer = Stopwatch.StartNew();
    var candidates = await store.FindCandidatesAsync(keys, CancellationToken.None);
    lookups.Add(timer.Elapsed.TotalMilliseconds);
    timer.Restart();
    FindingMatcher.Match(components, candidates);
    pure.Add(timer.Elapsed.TotalMilliseconds);
}

{
    var all = await store.FindCandidatesAsync(keys, CancellationToken.None);
    var byKey = all.ToLookup(c => c.Package);
    var evaluation = new List<double>();
    for (var i = 0; i < rounds; i++)
    {
        var timer = Stopwatch.StartNew();
        var hits = 0;
        foreach (var component in components)
        {
            if (MatchKeys.For(component) is { } key)
            {
                var comparer = Berth.Scanning.Advisories.Ecosystems.Comparer(key.Package.Ecosystem)!;
                foreach (var c in byKey[key.Package])
                {
                    hits += Berth.Scanning.Advisories.Matching.AffectedEvaluator.Affects(key.Version, c.Affected, comparer) ? 1 : 0;
                }
            }
        }

        evaluation.Add(timer.Elapsed.TotalMilliseconds);
    }

    Console.WriteLine($"  range evaluation alone ({all.Count} candidates) median {Median(evaluation):F1} ms (min {evaluation.Min():F1})");
}

Console.WriteLine($"  of which candidate lookup median {Median(lookups):F1} ms, evaluation+grouping+rating median {Median(pure):F1} ms");
Console.WriteLine($"warm re-match, {rounds} rounds: parse+match median {Median(parseAndMatch):F1} ms (min {parseAndMatch.Min():F1}, max {parseAndMatch.Max():F1}); "
    + $"match only median {Median(matchOnly):F1} ms (min {matchOnly.Min():F1}); {findings.Count} findings, "
    + $"{findings.Count(f => f.Fixable)} fixable; process CPU time per parse+match median {Median(cpu):F1} ms (min {cpu.Min():F1})");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
return 0;

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted[sorted.Length / 2];
}

static string? Value(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static bool IsValueOf(string[] args, string arg)
{
    var i = Array.IndexOf(args, arg);
    return i > 0 && args[i - 1].StartsWith("--", StringComparison.Ordinal);
}
