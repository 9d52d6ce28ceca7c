using Berth.Scanning.Advisories;
using static Berth.Scanning.Tests.Advisories.TestAdvisoryStore;

namespace Berth.Scanning.Tests.Advisories;

/// <summary>A failed import changes nothing and says which file broke it and why.</summary>
public sealed class AtomicImportTests : IDisposable
{
    private readonly TestAdvisoryStore store = new();
    private readonly string data = AdvisoryTestData.CopyToTemp();

    public void Dispose()
    {
        store.Dispose();
        Directory.Delete(data, recursive: true);
    }

    [Theory]
    [InlineData("go-vulndb/data/osv/GO-2022-0400.json", """{"id": "GO-2022-0400", "affected": [""", "invalid JSON")]
    [InlineData("pypa/vulns/py/PYSEC-2022-99999.yaml", "id: PYSEC-2022-99999\naffected:\n- package: [unclosed\n", "invalid YAML")]
    [InlineData("debian-security-tracker/data/DLA/list", "[01 Apr 2023] DLA-3380-1 firmware-nonfree - security update\ngarbage\n", "line 2")]
    [InlineData("rubysec/gems/resque/CVE-2099-1.yml", "gem: resque\nurl: https://x\npatched_versions:\n  - \"=> 1\"\n", "not a RubyGems requirement")]
    public async Task A_malformed_file_mid_import_leaves_the_store_exactly_as_before(string relative, string content, string reason)
    {
        var first = await store.ImportAsync(data);
        Assert.True(first.Succeeded);
        var before = store.Snapshot();

        // A real change earlier in path order that would otherwise be applied...
        var alpine = Path.Combine(data, "alpine-secdb", "v3.8", "main.yaml");
        File.WriteAllText(alpine, File.ReadAllText(alpine).Replace("7.53.0", "7.53.1", StringComparison.Ordinal));
        File.Delete(Path.Combine(data, "ghsa-nuget-sample", "GHSA-5crp-9r3c-p9vr.json"));
        // ...and a broken file in the middle.
        var broken = Path.Combine(data, relative);
        File.WriteAllText(broken, content);

        var report = await store.ImportAsync(data);
        Assert.False(report.Succeeded);
        Assert.Equal(relative, report.Failure!.Document);
        Assert.Contains(reason, report.Failure.Message, StringComparison.Ordinal);
        Assert.Null(report.ImportId);
        Assert.Equal(before, store.Snapshot());
        Assert.Empty((await store.Store.GetChangesSinceAsync(first.ImportId!.Value, Ct)).Packages);
    }

    [Fact]
    public async Task A_failed_first_import_leaves_an_empty_store()
    {
        File.WriteAllText(Path.Combine(data, "rustsec", "crates", "RUSTSEC-2020-0001.json"), "{");
        var report = await store.ImportAsync(data);
        Assert.False(report.Succeeded);
        Assert.Equal("rustsec/crates/RUSTSEC-2020-0001.json", report.Failure!.Document);
        Assert.Empty(await store.Store.GetSourcesAsync(Ct));
        Assert.Equal(0, store.Count("SELECT count(*) FROM advisory"));
        Assert.Equal(0, (await store.Store.GetChangesSinceAsync(0, Ct)).LatestImportId);
    }

    [Fact]
    public async Task Missing_paths_and_other_schemes_fail_cleanly()
    {
        var missing = await store.ImportAsync(Path.Combine(data, "nope"));
        Assert.Equal("no such file or directory", missing.Failure!.Message);
        var ftp = await store.ImportAsync("ftp://example.com/all.zip");
        Assert.Contains("only http and https", ftp.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Count("SELECT count(*) FROM import_run"));
    }

    [Fact]
    public async Task Cancellation_throws_and_changes_nothing()
    {
        await store.ImportAsync(data);
        var before = store.Snapshot();
        File.Delete(Path.Combine(data, "ghsa-nuget-sample", "GHSA-5crp-9r3c-p9vr.json"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Importer.ImportAsync(data, cancelled.Token));
        Assert.Equal(before, store.Snapshot());
    }

    [Fact]
    public async Task Staging_does_not_block_other_writers_and_uncommitted_runs_are_invisible()
    {
        await using (var session = await store.Store.BeginImportAsync("test:staging", new Scanning.Advisories.Storage.ImportSessionOptions(), Ct))
        {
            await session.AddAsync(new Advisory { Id = "GHSA-stag-ing0-0000", Source = "GHSA", Affected = [new AffectedPackage { Ecosystem = "npm", Name = "staged" }] }, Ct);

            // Another import commits while this run is staging.
            var other = await store.ImportAsync(Path.Combine(data, "go-vulndb"));
            Assert.True(other.Succeeded);
            Assert.Null(await store.Store.GetAsync("GHSA", "GHSA-stag-ing0-0000", Ct));

            // Disposed without commit: discarded.
        }

        Assert.Null(await store.Store.GetAsync("GHSA", "GHSA-stag-ing0-0000", Ct));
        Assert.Equal(1, store.Count("SELECT count(*) FROM import_run"));
    }
}
