using Berth.Scanning.Findings;
using Berth.Scanning.Tests.Advisories;

namespace Berth.Scanning.Tests.Findings;

/// <summary>The matcher's candidate cache and memo never serve data older than the last committed import.</summary>
public sealed class MatcherCacheTests
{
    [Fact]
    public async Task Reimport_that_withdraws_or_fixes_an_advisory_changes_the_next_match_of_the_same_matcher()
    {
        using var store = new TestAdvisoryStore();
        var folder = AdvisoryTestData.CopyToTemp("go-vulndb");
        var file = Path.Combine(folder, "data", "osv", "GO-2022-0344.json");
        var original = await File.ReadAllTextAsync(file);
        Assert.True((await store.ImportAsync(folder)).Succeeded);
        var matcher = new AdvisoryMatcher(store.Store);
        var sbom = new TestSbom().Go("github.com/containerd/containerd", "v1.5.9").Go("github.com/containerd/containerd", "v1.4.1").Read().Components;

        var first = await matcher.MatchAsync(sbom, CancellationToken.None);
        await File.WriteAllTextAsync(file, original.Replace("\"fixed\": \"1.5.10\"", "\"fixed\": \"1.5.9\"", StringComparison.Ordinal));
        Assert.True((await store.ImportAsync(folder)).Succeeded);
        var afterFix = await matcher.MatchAsync(sbom, CancellationToken.None);
        await File.WriteAllTextAsync(file, original.Replace("\"modified\":", "\"withdrawn\": \"2026-01-01T00:00:00Z\", \"modified\":", StringComparison.Ordinal));
        Assert.True((await store.ImportAsync(folder)).Succeeded);
        var afterWithdrawal = await matcher.MatchAsync(sbom, CancellationToken.None);

        Assert.Equal(["v1.4.1", "v1.5.9"], first.Select(f => f.InstalledVersion).Order(StringComparer.Ordinal));
        Assert.Equal("v1.4.1", Assert.Single(afterFix).InstalledVersion);
        Assert.Empty(afterWithdrawal);
    }

    [Fact]
    public async Task Cached_and_direct_lookups_agree()
    {
        using var store = new TestAdvisoryStore();
        Assert.True((await store.ImportAsync(AdvisoryTestData.Root)).Succeeded);
        var cache = new CandidateCache(store.Store);
        var keys = Reevaluation.KeysOf(new TestSbom().NuGet("System.Text.Json", "8.0.3").Npm("bassmaster", "1.0.0").Deb("apache2-bin", "1", "11", source: "apache2").Read().Components);

        var direct = await store.Store.FindCandidatesAsync(keys.ToArray(), CancellationToken.None);
        var cold = await cache.FindCandidatesAsync(keys.ToArray(), CancellationToken.None);
        var warm = await cache.FindCandidatesAsync(keys.ToArray(), CancellationToken.None);

        static string[] Ids(IEnumerable<Berth.Scanning.Advisories.Storage.AdvisoryCandidate> c) => c.Select(x => $"{x.Package}|{x.Advisory.Id}").Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(direct);
        Assert.Equal(Ids(direct), Ids(cold));
        Assert.Equal(Ids(direct), Ids(warm));
    }
}
