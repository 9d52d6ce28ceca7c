using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Core.Scanning;
using Berth.Metadata.Sqlite.Scanning;

namespace Berth.Metadata.Sqlite.Tests;

/// <summary>Scan records, package index, pull times and policies in SQLite.</summary>
public sealed class ScanStoreTests : IDisposable
{
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    private static CancellationToken Ct => TestDatabase.Ct;

    private async Task<(RepositoryRecord Repo, ScanTarget Target)> PushAsync(string repository = "app", string salt = "")
    {
        var repo = await db.Repo(repository);
        var config = await db.Blob(repo, "config" + salt, mediaType: "application/vnd.oci.image.config.v1+json");
        var write = TestManifests.Image(config, [await db.Blob(repo, "layer" + salt)], tag: "v1", salt: salt);
        Assert.True((await db.Manifests.PutAsync(repo, write, Ct)).Succeeded);
        return (repo, new ScanTarget(repo.RegistryId, repository, write.Digest));
    }

    [Fact]
    public async Task A_completed_scan_keeps_its_report_through_a_rescan_and_indexes_its_packages()
    {
        var store = new SqliteScanStore(db.Database);
        var (_, target) = await PushAsync();
        Assert.True(await store.MarkQueuedAsync(target, "alice", TestDatabase.T0, Ct));
        await store.MarkRunningAsync(target, TestDatabase.T0.AddSeconds(1), Ct);
        var sbom = new SbomReference("linux/amd64", target.Manifest, TestManifests.RandomDigest(), TestManifests.RandomDigest());
        await store.CompleteAsync(new ScanCompletion(target, TestDatabase.T0.AddSeconds(2), 7, [sbom], new SeverityCounts(1, 2, 0, 0, 0), "[]", [new PackageIndexKey("Debian:12", "bash")]), Ct);

        Assert.True(await store.MarkQueuedAsync(target, "bob", TestDatabase.T0.AddMinutes(1), Ct));
        var record = await store.GetAsync(target, Ct);

        Assert.NotNull(record);
        Assert.Equal(ScanStatus.Queued, record.Status);
        Assert.True(record.HasReport);
        Assert.Equal(TestDatabase.T0.AddSeconds(2), record.CompletedAt);
        Assert.Equal("alice", record.PushedBy);
        Assert.Equal(3, record.Counts.Total);
        Assert.Equal([sbom], record.Sboms);
        Assert.Equal("[]", record.ReportJson);
        Assert.Equal([target], await store.FindByPackagesAsync([new PackageIndexKey("Debian:12", "bash")], Ct));
        Assert.Empty(await store.FindByPackagesAsync([new PackageIndexKey("Debian:11", "bash")], Ct));
        Assert.Equal([target], await store.ListUnfinishedAsync(Ct));
    }

    [Fact]
    public async Task Records_and_index_entries_go_with_their_manifest_and_unknown_manifests_are_not_queued()
    {
        var store = new SqliteScanStore(db.Database);
        var (repo, target) = await PushAsync();
        Assert.False(await store.MarkQueuedAsync(target with { Manifest = TestManifests.RandomDigest() }, null, TestDatabase.T0, Ct));
        await store.MarkQueuedAsync(target, null, TestDatabase.T0, Ct);
        await store.CompleteAsync(new ScanCompletion(target, TestDatabase.T0, 1, [], SeverityCounts.None, "[]", [new PackageIndexKey("npm", "lodash")]), Ct);

        Assert.True(await db.Manifests.DeleteAsync(repo.Id, target.Manifest, Ct));

        Assert.Null(await store.GetAsync(target, Ct));
        Assert.Empty(await store.FindByPackagesAsync([new PackageIndexKey("npm", "lodash")], Ct));
        Assert.Empty(await store.ListAsync(repo.RegistryId, "app", Ct));
    }

    [Fact]
    public async Task Pull_times_keep_the_latest_and_feed_the_in_use_listing()
    {
        var activity = new SqliteManifestActivity(db.Database);
        var (_, target) = await PushAsync();
        await activity.RecordPullsAsync([(target, TestDatabase.T0.AddDays(10))], Ct);
        await activity.RecordPullsAsync([(target, TestDatabase.T0.AddDays(5)), (target with { Manifest = TestManifests.RandomDigest() }, TestDatabase.T0)], Ct);

        Assert.Equal(TestDatabase.T0.AddDays(10), await activity.GetLastPulledAtAsync(target, Ct));
        Assert.Equal(TestDatabase.T0, await activity.GetPushedAtAsync(target, Ct));
        Assert.Equal([target], await activity.ListInUseAsync(TestDatabase.T0.AddDays(100), TestDatabase.T0.AddDays(9), Ct));
        Assert.Empty(await activity.ListInUseAsync(TestDatabase.T0.AddDays(100), TestDatabase.T0.AddDays(11), Ct));
        Assert.Equal([target], await activity.ListInUseAsync(TestDatabase.T0, TestDatabase.T0.AddDays(11), Ct));
        await activity.SetCursorAsync("c", 42, Ct);
        Assert.Equal(42, await activity.GetCursorAsync("c", Ct));
        Assert.Equal(0, await activity.GetCursorAsync("other", Ct));
    }

    [Fact]
    public async Task Policies_and_allowlist_entries_round_trip_and_renew()
    {
        var store = new SqliteScanPolicyStore(db.Database);
        var policy = new ScanPolicySettings(true, TestDatabase.T0, GateSeverity.High, true, TestDatabase.T0);
        await store.SetAsync(RegistryIds.Default, "team/app", policy, Ct);

        Assert.Null(await store.GetAsync(RegistryIds.Default, null, Ct));
        Assert.Equal(policy, await store.GetAsync(RegistryIds.Default, "team/app", Ct));
        Assert.Equal([("team/app", policy)], await store.ListOverridesAsync(RegistryIds.Default, Ct));

        var first = await store.AddAllowlistAsync(RegistryIds.Default, new AllowlistRecord(0, "CVE-1", "team/app", null, "a", TestDatabase.T0, "owner"), Ct);
        var renewed = await store.AddAllowlistAsync(RegistryIds.Default, new AllowlistRecord(0, "CVE-1", "team/app", TestDatabase.T0.AddDays(1), "b", TestDatabase.T0, "owner"), Ct);
        await store.AddAllowlistAsync(RegistryIds.Default, new AllowlistRecord(0, "CVE-2", null, null, null, TestDatabase.T0, "owner"), Ct);

        Assert.Equal(first.Id, renewed.Id);
        Assert.Equal("b", renewed.Reason);
        Assert.Equal(2, (await store.ListAllowlistAsync(RegistryIds.Default, "team/app", Ct)).Count);
        Assert.Single(await store.ListAllowlistAsync(RegistryIds.Default, "other", Ct));
        Assert.True(await store.RemoveAllowlistAsync(RegistryIds.Default, first.Id, Ct));
        Assert.False(await store.RemoveAllowlistAsync(RegistryIds.Default, first.Id, Ct));
        Assert.True(await store.DeleteAsync(RegistryIds.Default, "team/app", Ct));
        Assert.Null(await store.GetAsync(RegistryIds.Default, "team/app", Ct));
    }
}
