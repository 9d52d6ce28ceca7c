using Berth.Core.Metadata;

namespace Berth.Metadata.Sqlite.Tests;

public sealed class UploadStoreTests : IDisposable
{
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    private static CancellationToken Ct => TestDatabase.Ct;

    [Fact]
    public async Task Create_get_touch_and_delete_round_trip()
    {
        var repo = await db.Repo("app");
        var upload = new UploadRecord(Guid.NewGuid(), repo.Id, repo.Name, TestDatabase.T0, TestDatabase.T0);

        await db.Uploads.CreateAsync(upload, Ct);
        Assert.Equal(upload, await db.Uploads.GetAsync(upload.Id, Ct));
        Assert.Equal(1, db.Scalar("SELECT registry_id FROM uploads;"));

        await db.Uploads.TouchAsync(upload.Id, TestDatabase.T0.AddMinutes(5), Ct);
        Assert.Equal(upload with { UpdatedAt = TestDatabase.T0.AddMinutes(5) }, await db.Uploads.GetAsync(upload.Id, Ct));

        Assert.True(await db.Uploads.DeleteAsync(upload.Id, Ct));
        Assert.False(await db.Uploads.DeleteAsync(upload.Id, Ct));
        Assert.Null(await db.Uploads.GetAsync(upload.Id, Ct));
    }

    [Fact]
    public async Task Unknown_ids_are_null_and_touching_them_is_harmless()
    {
        var id = Guid.NewGuid();
        await db.Uploads.TouchAsync(id, TestDatabase.T0, Ct);

        Assert.Null(await db.Uploads.GetAsync(id, Ct));
        Assert.Equal(0, db.Scalar("SELECT count(*) FROM uploads;"));
    }

    [Fact]
    public async Task Creating_an_upload_for_an_unknown_repository_fails()
    {
        var upload = new UploadRecord(Guid.NewGuid(), 4242, "ghost", TestDatabase.T0, TestDatabase.T0);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Uploads.CreateAsync(upload, Ct));
        Assert.Equal(0, db.Scalar("SELECT count(*) FROM uploads;"));
    }

    [Fact]
    public async Task List_idle_returns_sessions_updated_before_the_cutoff_oldest_first()
    {
        var repo = await db.Repo("app");
        var stale = new UploadRecord(Guid.NewGuid(), repo.Id, repo.Name, TestDatabase.T0, TestDatabase.T0.AddHours(1));
        var older = new UploadRecord(Guid.NewGuid(), repo.Id, repo.Name, TestDatabase.T0, TestDatabase.T0);
        var active = new UploadRecord(Guid.NewGuid(), repo.Id, repo.Name, TestDatabase.T0, TestDatabase.T0);
        foreach (var u in new[] { stale, older, active })
        {
            await db.Uploads.CreateAsync(u, Ct);
        }

        await db.Uploads.TouchAsync(active.Id, TestDatabase.T0.AddDays(1), Ct);
        var cutoff = TestDatabase.T0.AddHours(2);

        Assert.Equal([older.Id, stale.Id], (await db.Uploads.ListIdleAsync(cutoff, 10, Ct)).Select(u => u.Id));
        Assert.Equal([older.Id], (await db.Uploads.ListIdleAsync(cutoff, 1, Ct)).Select(u => u.Id));
        Assert.Empty(await db.Uploads.ListIdleAsync(TestDatabase.T0, 10, Ct));
        Assert.Empty(await db.Uploads.ListIdleAsync(cutoff, 0, Ct));
    }
}
