using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Matching;
using Berth.Scanning.Advisories.Storage;
using Berth.Scanning.Versions;
using static Berth.Scanning.Tests.Advisories.TestAdvisoryStore;

namespace Berth.Scanning.Tests.Advisories;

/// <summary>Importing the test data into a real SQLite file: counts, lookups, merges, status.</summary>
public sealed class ImportTests : IDisposable
{
    private readonly TestAdvisoryStore store = new();

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task Directory_import_reads_every_format()
    {
        var report = await store.ImportAsync(AdvisoryTestData.Root);
        Assert.True(report.Succeeded, report.Failure?.ToString());
        Assert.Equal(Path.TrimEndingDirectorySeparator(AdvisoryTestData.Root), report.Origin);
        Assert.Equal(20, report.DocumentsByFormat["osv"]);
        Assert.Equal(3, report.DocumentsByFormat["debian-tracker"]);
        Assert.Equal(2, report.DocumentsByFormat["alpine-secdb"]);
        Assert.Equal(5, report.DocumentsByFormat["rubysec"]);
        Assert.Equal(5, report.DocumentsByFormat["nodejs-security-wg"]);
        Assert.Equal(10, report.IgnoredDocuments); // licences and the NOTICE
        Assert.Equal(report.AdvisoriesBySource.Values.Sum(), report.Added);
        Assert.Equal(0, report.Updated + report.Removed + report.Unchanged);
        Assert.Equal(2, report.Skipped["AlmaLinux bug-fix and enhancement errata"]); // one ALBA, one ALEA
        Assert.Equal(3, report.AdvisoriesBySource["ALSA"]); // ALSA-2024:0265 (twice, merged), ALSA-2025:8635, ALSA-2022:4587
        Assert.Equal(6, report.AdvisoriesBySource["GHSA"]);
        Assert.Equal(4, report.AdvisoriesBySource["RUBYSEC"]); // CVE-2009-3009 under two gems is one advisory
        Assert.Contains(PackageKey.For("Debian:11", "xorg-server"), report.ChangedPackages);
        Assert.NotNull(report.ImportId);
    }

    [Fact]
    public async Task Lookup_by_package_returns_affected_entries_and_skips_withdrawn()
    {
        await store.ImportAsync(AdvisoryTestData.Root);
        var candidates = await store.Store.FindCandidatesAsync(
            [PackageKey.For("Debian:11", "xorg-server"), PackageKey.For("PyPI", "Py"), PackageKey.For("PyPI", "loguru"), PackageKey.For("NuGet", "NEWTONSOFT.JSON")], Ct);
        var xorg = Assert.Single(candidates, c => c.Package.Name == "xorg-server");
        Assert.Equal("DSA-5380-1", xorg.Advisory.Id);
        Assert.Empty(xorg.Advisory.Affected); // headers only
        Assert.True(AffectedEvaluator.Affects("2:1.20.11-1+deb11u5", xorg.Affected, DpkgVersionComparer.Instance));
        Assert.Equal("PYSEC-2022-42969", Assert.Single(candidates, c => c.Package.Name == "py").Advisory.Id);
        Assert.DoesNotContain(candidates, c => c.Package.Name == "loguru"); // withdrawn
        Assert.Equal("GHSA-5crp-9r3c-p9vr", Assert.Single(candidates, c => c.Package.Name == "newtonsoft.json").Advisory.Id);
        Assert.Empty(await store.Store.FindCandidatesAsync([PackageKey.For("Debian:10", "xorg-server")], Ct));
    }

    [Fact]
    public async Task Repeated_ids_are_merged()
    {
        await store.ImportAsync(AdvisoryTestData.Root);
        var jdk = await store.Store.GetAsync("ALSA", "ALSA-2024:0265", Ct);
        var once = Assert.Single(AdvisoryTestData.Read(new Scanning.Advisories.Formats.OsvFormat(), "almalinux/advisories/almalinux8/ALSA-2024:0265.json"));
        Assert.Equal(once.Affected.Count, jdk!.Affected.Count); // identical copies merge to one

        var rails = await store.Store.GetAsync("RUBYSEC", "CVE-2009-3009", Ct);
        Assert.Equal(["actionpack", "activesupport"], rails!.Affected.Select(a => a.Name).Order());

        var curl = await store.Store.GetAsync("ALPINE", "ALPINE-CVE-2017-2629", Ct);
        Assert.Equal(["Alpine:v3.8", "Alpine:v3.9"], curl!.Affected.Select(a => a.Ecosystem).Order());
    }

    [Fact]
    public async Task Get_returns_the_whole_advisory_and_null_when_absent()
    {
        await store.ImportAsync(AdvisoryTestData.Root);
        var advisory = await store.Store.GetAsync("ALSA", "ALSA-2025:8635", Ct);
        Assert.NotNull(advisory);
        Assert.StartsWith("FastCGI Perl bindings.", advisory.Details, StringComparison.Ordinal);
        Assert.Equal(AdvisoryJson.Serialize(Assert.Single(AdvisoryTestData.Read(new Scanning.Advisories.Formats.OsvFormat(), "almalinux/advisories/almalinux9/ALSA-2025:8635.json"))), AdvisoryJson.Serialize(advisory));
        Assert.Null(await store.Store.GetAsync("ALSA", "ALSA-1999:0001", Ct));
        var withdrawn = await store.Store.GetAsync("PYSEC", "PYSEC-2022-15", Ct);
        Assert.True(withdrawn!.IsWithdrawn);
    }

    [Fact]
    public async Task Status_lists_sources_with_counts_and_age()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var report = await store.ImportAsync(AdvisoryTestData.Root);
        var sources = await store.Store.GetSourcesAsync(Ct);
        Assert.Equal(["ALPINE", "ALSA", "DLA", "DSA", "DTSA", "GHSA", "GO", "NSWG", "PYSEC", "RUBYSEC", "RUSTSEC"], sources.Select(s => s.Name));
        var go = sources.Single(s => s.Name == "GO");
        Assert.Equal((2, 1), (go.Advisories, go.Withdrawn));
        Assert.Equal(report.ImportId, go.LastImportId);
        Assert.True(go.LastImportAt >= before);
        Assert.NotNull(go.LastChangedAt);
        Assert.Null(sources.Single(s => s.Name == "ALPINE").NewestData);
        var dsa = sources.Single(s => s.Name == "DSA");
        Assert.Equal(new DateTimeOffset(2023, 3, 29, 0, 0, 0, TimeSpan.Zero), dsa.NewestData);
        Assert.Equal(TimeSpan.FromDays(1), dsa.DataAge(new DateTimeOffset(2023, 3, 30, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(3, sources.Single(s => s.Name == "ALSA").Advisories);
        Assert.True(sources.Single(s => s.Name == "ALSA").Packages > 10);
    }

    [Fact]
    public async Task Stored_json_round_trips_exactly()
    {
        await store.ImportAsync(AdvisoryTestData.Root);
        foreach (var (source, id) in new[] { ("GO", "GO-2022-0344"), ("NSWG", "NSWG-ECO-488"), ("DSA", "DSA-3699-1"), ("RUBYSEC", "CVE-2013-6414") })
        {
            var advisory = await store.Store.GetAsync(source, id, Ct);
            var json = AdvisoryJson.Serialize(advisory!);
            Assert.Equal(json, AdvisoryJson.Serialize(AdvisoryJson.DeserializeAdvisory(json)));
        }
    }
}
