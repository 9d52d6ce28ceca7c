// Not a test: times the version comparers on the comparisons of re-matching an SBOM. For each scheme,
// 1,000 installed versions are each compared with 10 advisory range events (10,000 comparisons), all drawn
// from the version fixtures; the best of several rounds is printed. Re-matching a 1,000-component SBOM has a
// 50 ms budget overall (issue 5), of which comparisons are a part.
// Usage: dotnet run -c Release -- [fixture-dir] [rounds]
using System.Diagnostics;
using Berth.Scanning.Versions;

var directory = args.Length > 0 ? args[0] : FindFixtures();
var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;

(IVersionComparer Comparer, string[] Files)[] schemes =
[
    (DpkgVersionComparer.Instance, ["debian-versions.txt", "debian-versions-generated.txt"]),
    (ApkVersionComparer.Instance, ["alpine-versions.txt", "alpine-versions-generated.txt"]),
    (RpmVersionComparer.Instance, ["redhat-versions.txt"]),
    (SemVerComparer.Instance, ["semver-versions.txt"]),
    (GoVersionComparer.Instance, ["semver-versions.txt"]),
    (Pep440VersionComparer.Instance, ["pypi-versions.txt", "pypi-versions-generated.txt"]),
    (NuGetVersionComparer.Instance, ["nuget-versions.txt"]),
    (MavenVersionComparer.Instance, ["maven-versions.txt", "maven-versions-generated.txt"]),
    (RubyGemsVersionComparer.Instance, ["rubygems-versions.txt", "rubygems-versions-generated.txt"]),
    (PackagistVersionComparer.Instance, ["packagist-versions.txt", "packagist-versions-generated.txt"]),
    (PubVersionComparer.Instance, ["pub-versions.txt"]),
    (NumericListComparer.Cran, ["cran-versions.txt", "cran-versions-generated.txt"]),
    (NumericListComparer.Hackage, ["hackage-versions.txt"]),
];

Console.WriteLine($"fixtures: {directory}; best of {rounds} rounds of 1,000 installed x 10 events");
foreach (var (comparer, files) in schemes)
{
    var versions = files.SelectMany(f => Versions(Path.Combine(directory, f)))
        .Where(v => v.Length <= 40 && comparer.IsValid(v)).Distinct().ToArray();
    var random = new Random(5);
    var installed = Enumerable.Range(0, 1000).Select(_ => versions[random.Next(versions.Length)]).ToArray();
    var events = Enumerable.Range(0, 997).Select(_ => versions[random.Next(versions.Length)]).ToArray();

    var best = TimeSpan.MaxValue;
    var affected = 0;
    for (var round = 0; round < rounds; round++)
    {
        var watch = Stopwatch.StartNew();
        affected = Match(comparer, installed, events);
        best = watch.Elapsed < best ? watch.Elapsed : best;
    }

    Console.WriteLine($"{comparer.Scheme,-10} {best.TotalMilliseconds,7:F3} ms  ({best.TotalMilliseconds * 100:F1} ns per comparison, {affected} below)");
}

return 0;

static int Match(IVersionComparer comparer, string[] installed, string[] events)
{
    var affected = 0;
    for (var i = 0; i < installed.Length; i++)
    {
        for (var e = 0; e < 10; e++)
        {
            affected += comparer.Compare(installed[i], events[(i + e) % events.Length]) < 0 ? 1 : 0;
        }
    }

    return affected;
}

// Both sides of every "A op B" line; blank lines and "# " or "// " comments skipped.
static IEnumerable<string> Versions(string file) =>
    File.ReadLines(file)
        .Where(l => l.Length > 0 && !l.StartsWith("# ", StringComparison.Ordinal) && !l.StartsWith("// ", StringComparison.Ordinal))
        .Select(l => l.Split(' '))
        .Where(p => p.Length == 3)
        .SelectMany(p => new[] { p[0], p[2] });

static string FindFixtures()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "tests", "Berth.Scanning.Tests", "TestData", "versions");
        if (Directory.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new DirectoryNotFoundException("tests/Berth.Scanning.Tests/TestData/versions not found; pass the fixture directory");
}
