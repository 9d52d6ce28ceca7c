using Berth.Advisories.Sqlite;
using Berth.Advisories.Sqlite.Database;
using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Berth.Scanning.Tests.Advisories.TestAdvisoryStore;

namespace Berth.Scanning.Tests.Advisories;

/// <summary>Registration, cached headers after updates, and reads while an import commits.</summary>
public sealed class StoreBehaviourTests : IDisposable
{
    private readonly TestAdvisoryStore store = new();
    private readonly string data = AdvisoryTestData.CopyToTemp("ghsa-nuget-sample");

    public void Dispose()
    {
        store.Dispose();
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public void Add_sqlite_advisories_registers_the_store_over_its_own_file()
    {
        var services = new ServiceCollection().AddSqliteAdvisories(Path.Combine(store.Directory, "other", "advisories.db"), o => o.Synchronous = "FULL");
        var descriptor = Assert.Single(services, d => d.ServiceType == typeof(IAdvisoryStore));
        Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
        var database = Assert.IsType<AdvisoryDatabase>(Assert.Single(services, d => d.ServiceType == typeof(AdvisoryDatabase)).ImplementationInstance);
        Assert.EndsWith(Path.Combine("other", "advisories.db"), database.DataFile, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSqliteAdvisories("x.db", o => o.Synchronous = "OFF"));
    }

    [Fact]
    public async Task Cached_headers_follow_updates()
    {
        await store.ImportAsync(data);
        var key = PackageKey.For("NuGet", "Newtonsoft.Json");
        Assert.Equal("LOW", Assert.Single(await store.Store.FindCandidatesAsync([key], Ct)).Advisory.DatabaseSeverity);

        var file = Path.Combine(data, "GHSA-5crp-9r3c-p9vr.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"severity\": \"LOW\"", "\"severity\": \"HIGH\"", StringComparison.Ordinal));
        Assert.Equal(1, (await store.ImportAsync(data)).Updated);
        Assert.Equal("HIGH", Assert.Single(await store.Store.FindCandidatesAsync([key], Ct)).Advisory.DatabaseSeverity);
    }

    [Fact]
    public async Task Withdrawing_an_advisory_removes_it_from_lookups_and_reports_its_packages()
    {
        var first = await store.ImportAsync(data);
        var key = PackageKey.For("NuGet", "Npgsql");
        Assert.NotEmpty(await store.Store.FindCandidatesAsync([key], Ct));
        var file = Path.Combine(data, "GHSA-x9vc-6hfv-hg8c.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"id\":", "\"withdrawn\": \"2026-01-01T00:00:00Z\", \"id\":", StringComparison.Ordinal));
        var second = await store.ImportAsync(data);
        Assert.Equal([key], second.ChangedPackages);
        Assert.Empty(await store.Store.FindCandidatesAsync([key], Ct));
        Assert.True((await store.Store.GetAsync("GHSA", "GHSA-x9vc-6hfv-hg8c", Ct))!.IsWithdrawn);
        Assert.Equal(1, (await store.Store.GetSourcesAsync(Ct)).Single().Withdrawn);
        Assert.Equal([key], (await store.Store.GetChangesSinceAsync(first.ImportId!.Value, Ct)).Packages);
    }

    [Fact]
    public async Task Reads_see_the_last_commit_while_another_import_runs()
    {
        await store.ImportAsync(data);
        var key = PackageKey.For("NuGet", "System.Text.Json");
        var expected = (await store.Store.FindCandidatesAsync([key], Ct)).Count;
        var big = AdvisoryTestData.CopyToTemp();
        try
        {
            var import = store.ImportAsync(big);
            while (!import.IsCompleted)
            {
                Assert.Equal(expected, (await store.Store.FindCandidatesAsync([key], Ct)).Count);
                await Task.Delay(1);
            }

            Assert.True((await import).Succeeded);
        }
        finally
        {
            Directory.Delete(big, recursive: true);
        }
    }

    [Fact]
    public async Task Empty_and_unknown_lookups()
    {
        Assert.Empty(await store.Store.FindCandidatesAsync([], Ct));
        Assert.Empty(await store.Store.FindCandidatesAsync([PackageKey.For("npm", "nothing")], Ct));
        var changes = await store.Store.GetChangesSinceAsync(0, Ct);
        Assert.Equal(0, changes.LatestImportId);
        Assert.Empty(changes.Packages);
    }
}
