using Berth.Scanning.Advisories;
using static Berth.Scanning.Tests.Advisories.TestAdvisoryStore;

namespace Berth.Scanning.Tests.Advisories;

/// <summary>Re-imports: unchanged data costs nothing, changes are reported by package, origins prune their own.</summary>
public sealed class IncrementalImportTests : IDisposable
{
    private readonly TestAdvisoryStore store = new();
    private readonly string data = AdvisoryTestData.CopyToTemp();

    public void Dispose()
    {
        store.Dispose();
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task Unchanged_data_changes_nothing()
    {
        var first = await store.ImportAsync(data);
        var second = await store.ImportAsync(data);
        Assert.True(second.Succeeded);
        Assert.Equal((0, 0, 0), (second.Added, second.Updated, second.Removed));
        Assert.Equal(first.Added, second.Unchanged);
        Assert.Empty(second.ChangedPackages);
        var changes = await store.Store.GetChangesSinceAsync(first.ImportId!.Value, Ct);
        Assert.Equal(second.ImportId, changes.LatestImportId);
        Assert.Empty(changes.Packages);
    }

    [Fact]
    public async Task One_modified_file_is_one_change_with_its_package_names()
    {
        var first = await store.ImportAsync(data);
        var file = Path.Combine(data, "go-vulndb", "data", "osv", "GO-2022-0344.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"1.4.13\"", "\"1.4.14\"", StringComparison.Ordinal));

        var second = await store.ImportAsync(data);
        Assert.Equal((0, 1, 0), (second.Added, second.Updated, second.Removed));
        Assert.Equal(first.Added - 1, second.Unchanged);
        Assert.Equal([new PackageKey("Go", "github.com/containerd/containerd")], second.ChangedPackages);
        var changes = await store.Store.GetChangesSinceAsync(first.ImportId!.Value, Ct);
        Assert.Equal([new PackageKey("Go", "github.com/containerd/containerd")], changes.Packages);
        var stored = await store.Store.GetAsync("GO", "GO-2022-0344", Ct);
        Assert.Contains(stored!.Affected[0].Ranges[0].Events, e => e.Version == "1.4.14");
        Assert.Equal(second.ImportId, (await store.Store.GetSourcesAsync(Ct)).Single(s => s.Name == "GO").LastImportId);
    }

    [Fact]
    public async Task Changes_feed_reports_old_and_new_package_names()
    {
        var first = await store.ImportAsync(data);
        var file = Path.Combine(data, "pypa", "vulns", "zstd", "PYSEC-2023-121.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("name: zstd", "name: Zstandard_Py", StringComparison.Ordinal));
        var second = await store.ImportAsync(data);
        Assert.Equal([new PackageKey("PyPI", "zstandard-py"), new PackageKey("PyPI", "zstd")], second.ChangedPackages);
        Assert.Empty(await store.Store.FindCandidatesAsync([PackageKey.For("PyPI", "zstd")], Ct));
        Assert.Single(await store.Store.FindCandidatesAsync([PackageKey.For("PyPI", "zstandard.py")], Ct));
        Assert.Equal(2, (await store.Store.GetChangesSinceAsync(first.ImportId!.Value, Ct)).Packages.Count);
        Assert.Empty((await store.Store.GetChangesSinceAsync(second.ImportId!.Value, Ct)).Packages);
    }

    [Fact]
    public async Task An_advisory_gone_from_its_origin_is_removed()
    {
        await store.ImportAsync(data);
        File.Delete(Path.Combine(data, "nodejs-security-wg", "vuln", "npm", "488.json"));
        var second = await store.ImportAsync(data);
        Assert.Equal((0, 0, 1), (second.Added, second.Updated, second.Removed));
        Assert.Equal([new PackageKey("npm", "decompress-zip")], second.ChangedPackages);
        Assert.Null(await store.Store.GetAsync("NSWG", "NSWG-ECO-488", Ct));
    }

    [Fact]
    public async Task Other_origins_are_not_pruned()
    {
        var go = Path.Combine(data, "go-vulndb");
        var ghsa = Path.Combine(data, "ghsa-nuget-sample");
        await store.ImportAsync(go);
        await store.ImportAsync(ghsa);
        File.Delete(Path.Combine(ghsa, "GHSA-5crp-9r3c-p9vr.json"));
        var again = await store.ImportAsync(ghsa);
        Assert.Equal(1, again.Removed);
        Assert.NotNull(await store.Store.GetAsync("GO", "GO-2022-0344", Ct));

        // The same advisory from another origin moves to that origin instead of being duplicated or pruned.
        var single = Path.Combine(data, "pypa", "vulns", "py", "PYSEC-2022-42969.yaml");
        await store.ImportAsync(Path.Combine(data, "pypa"));
        var moved = await store.ImportAsync(single);
        Assert.Equal((0, 0, 1), (moved.Added, moved.Removed, moved.Unchanged));
        var pypaAgain = await store.ImportAsync(Path.Combine(data, "pypa"));
        Assert.Equal(0, pypaAgain.Removed);
    }

    [Fact]
    public async Task An_empty_run_never_prunes()
    {
        var empty = Directory.CreateDirectory(Path.Combine(data, "empty")).FullName;
        File.Copy(Path.Combine(data, "ghsa-nuget-sample", "GHSA-5crp-9r3c-p9vr.json"), Path.Combine(empty, "a.json"));
        await store.ImportAsync(empty);
        File.Delete(Path.Combine(empty, "a.json"));
        var report = await store.ImportAsync(empty);
        Assert.True(report.Succeeded);
        Assert.Equal(0, report.Removed);
        Assert.NotNull(await store.Store.GetAsync("GHSA", "GHSA-5crp-9r3c-p9vr", Ct));
    }

    [Fact]
    public async Task Pruning_can_be_turned_off()
    {
        using var additive = new TestAdvisoryStore(options: new Scanning.Advisories.Import.ImportOptions { PruneMissing = false });
        await additive.ImportAsync(data);
        File.Delete(Path.Combine(data, "nodejs-security-wg", "vuln", "npm", "488.json"));
        Assert.Equal(0, (await additive.ImportAsync(data)).Removed);
    }
}
