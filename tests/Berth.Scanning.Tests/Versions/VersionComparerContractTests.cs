using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

/// <summary>
/// Pins the <see cref="IVersionComparer"/> contract for every comparer: null ordering, no exceptions, results
/// in {-1, 0, 1}, and a total preorder (reflexive, antisymmetric, transitive) on fixture versions mixed with
/// strings no ecosystem accepts. Maven's own order is not transitive for some odd mixes of qualifiers, which
/// <see cref="MavenVersionComparer"/> reproduces (see MavenVersionComparerTests); it is transitive on every
/// version in the fixtures.
/// </summary>
public sealed class VersionComparerContractTests
{
    public static TheoryData<string> Schemes => new(All.Select(c => c.Scheme));

    private static readonly IVersionComparer[] All =
    [
        DpkgVersionComparer.Instance, ApkVersionComparer.Instance, RpmVersionComparer.Instance,
        SemVerComparer.Instance, GoVersionComparer.Instance, Pep440VersionComparer.Instance,
        NuGetVersionComparer.Instance, MavenVersionComparer.Instance, RubyGemsVersionComparer.Instance,
        PackagistVersionComparer.Instance, PubVersionComparer.Instance, NumericListComparer.Cran,
        NumericListComparer.Hackage,
    ];

    private static readonly string[] Odd =
    [
        "", " ", "\t", "v", "V", "-", ".", "..", "~", "^", "+", "_", ":", "!", "*", "0", "00", "1", "01", "1.",
        ".1", "1..2", "1-", "1--", "-1", "1:", ":1", "a", "A", "z", "latest", "1.0", "1.0.0", "1.0.0.0",
        "1.0.0.0.0", "v1", "v1.2", "1.2.3-", "1.2.3+", "1.2.3-+", "1!", "1!2", "1.0+", "1.0-r", "1-r-1",
        "1.0~", "1.0^", "1.0~~", "1.0_", "1.0_x", "1.0-SNAPSHOT", "1.0-sp", "1.0.a", "1.0a1", "1.0-1.0",
        "2:1.0-1", "x:1.0", "1.0\u03b1", "\u0661\u0662", "1.0-\u00e9", "\ud800", "1\0", " 1.0 ",
        "1.2.3-beta.01", "999999999999999999999999999999.1", new string('9', 400), "1." + new string('1', 300),
        string.Concat(Enumerable.Repeat("1.a-", 120)),
    ];

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Null_orders_first_and_is_never_valid(string scheme)
    {
        var comparer = ComparerFor(scheme);
        Assert.Equal(0, comparer.Compare(null, null));
        Assert.Equal(-1, comparer.Compare(null, ""));
        Assert.Equal(1, comparer.Compare("1.0", null));
        Assert.False(comparer.IsValid(null));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Odd_strings_compare_as_a_total_preorder_without_throwing(string scheme)
    {
        var comparer = ComparerFor(scheme);
        var pool = Odd.Concat(FixtureSample(scheme, 60)).Distinct().ToArray();
        foreach (var s in pool)
        {
            _ = comparer.IsValid(s);
        }

        var results = new int[pool.Length, pool.Length];
        for (var i = 0; i < pool.Length; i++)
        {
            for (var j = 0; j < pool.Length; j++)
            {
                results[i, j] = comparer.Compare(pool[i], pool[j]);
                Assert.InRange(results[i, j], -1, 1);
            }

            Assert.True(results[i, i] == 0, $"not reflexive for \"{pool[i]}\"");
        }

        for (var i = 0; i < pool.Length; i++)
        {
            for (var j = 0; j < pool.Length; j++)
            {
                Assert.True(results[i, j] == -results[j, i], $"not antisymmetric: \"{pool[i]}\" vs \"{pool[j]}\"");
                for (var k = 0; k < pool.Length && scheme != "maven"; k++)
                {
                    if (results[i, j] <= 0 && results[j, k] <= 0)
                    {
                        Assert.True(results[i, k] <= 0 && (results[i, j] < 0 || results[j, k] < 0 ? results[i, k] < 0 : results[i, k] == 0),
                            $"not transitive: \"{pool[i]}\" {results[i, j]} \"{pool[j]}\" {results[j, k]} \"{pool[k]}\" but {results[i, k]}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Random_triples_of_fixture_versions_are_transitive(string scheme)
    {
        var comparer = ComparerFor(scheme);
        var versions = FilesOf(scheme).SelectMany(VersionFixture.Read)
            .SelectMany(l => new[] { l.Left, l.Right }).Distinct().ToArray();
        var random = new Random(20260827);
        for (var n = 0; n < 100_000; n++)
        {
            var a = versions[random.Next(versions.Length)];
            var b = versions[random.Next(versions.Length)];
            var c = versions[random.Next(versions.Length)];
            var ab = comparer.Compare(a, b);
            var bc = comparer.Compare(b, c);
            if (ab <= 0 && bc <= 0)
            {
                var ac = comparer.Compare(a, c);
                Assert.True(ac <= 0 && (ab < 0 || bc < 0 ? ac < 0 : ac == 0),
                    $"not transitive: \"{a}\" {ab} \"{b}\" {bc} \"{c}\" but {ac}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Sorting_every_fixture_version_agrees_with_every_fixture_line(string scheme)
    {
        // A total preorder sorts without contradiction: every "a < b" line must find a before b.
        var comparer = ComparerFor(scheme);
        var lines = FilesOf(scheme).SelectMany(VersionFixture.Read).ToList();
        var sorted = lines.SelectMany(l => new[] { l.Left, l.Right }).Distinct().ToList();
        sorted.Sort(comparer);
        for (var i = 1; i < sorted.Count; i++)
        {
            Assert.True(comparer.Compare(sorted[i - 1], sorted[i]) <= 0, $"\"{sorted[i - 1]}\" sorted before \"{sorted[i]}\"");
        }
    }

    internal static IVersionComparer ComparerFor(string scheme) => All.Single(c => c.Scheme == scheme);

    internal static IEnumerable<string> FilesOf(string scheme) => scheme switch
    {
        "dpkg" => ["debian-versions.txt", "debian-versions-generated.txt"],
        "apk" => ["alpine-versions.txt", "alpine-versions-generated.txt"],
        "rpm" => ["redhat-versions.txt"],
        "semver" or "go" => ["semver-versions.txt"],
        "pep440" => ["pypi-versions.txt", "pypi-versions-generated.txt"],
        "nuget" => ["nuget-versions.txt"],
        "maven" => ["maven-versions.txt", "maven-versions-generated.txt"],
        "rubygems" => ["rubygems-versions.txt", "rubygems-versions-generated.txt"],
        "packagist" => ["packagist-versions.txt", "packagist-versions-generated.txt"],
        "pub" => ["pub-versions.txt"],
        "cran" => ["cran-versions.txt", "cran-versions-generated.txt"],
        "hackage" => ["hackage-versions.txt"],
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, null),
    };

    // Versions from the hand-written file first (the odd ones), then spread over the generated one.
    private static IEnumerable<string> FixtureSample(string scheme, int count)
    {
        var versions = FilesOf(scheme).SelectMany(VersionFixture.Read)
            .SelectMany(l => new[] { l.Left, l.Right }).Distinct().ToList();
        var step = Math.Max(1, versions.Count / count);
        return versions.Take(count / 2).Concat(versions.Where((_, i) => i % step == 0)).Take(count);
    }
}
