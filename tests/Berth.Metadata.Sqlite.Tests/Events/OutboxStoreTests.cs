using Berth.Core.Events;
using Berth.Core.Metadata;
using Berth.Metadata.Sqlite.Database;
using Berth.Metadata.Sqlite.Events;
using Dapper;

namespace Berth.Metadata.Sqlite.Tests.Events;

/// <summary>Every registry change appends its event in the change's own transaction; failed changes append nothing.</summary>
public sealed class OutboxStoreTests : IDisposable
{
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    private static CancellationToken Ct => TestDatabase.Ct;

    private async Task<IReadOnlyList<RegistryEvent>> All() => await db.Outbox.ReadAsync(0, 1000, Ct);

    private async Task<(RepositoryRecord Repo, ManifestWrite Write)> PushAsync(string repository = "app", string? tag = "v1")
    {
        var repo = await db.Repo(repository);
        var config = await db.Blob(repo, "config " + repository, mediaType: "application/vnd.oci.image.config.v1+json");
        var layer = await db.Blob(repo, "layer " + repository);
        var write = TestManifests.Image(config, [layer], tag: tag);
        Assert.True((await db.Manifests.PutAsync(repo, write, Ct)).Succeeded);
        return (repo, write);
    }

    [Fact]
    public async Task A_push_appends_a_push_event_with_target_request_and_actor()
    {
        var origin = new EventOrigin(new EventRequest("req-1", "registry.example:5000", "PUT", "docker/27"), "alice");
        (RepositoryRecord Repo, ManifestWrite Write) pushed;
        using (EventContext.Use(origin))
        {
            pushed = await PushAsync();
        }

        var e = Assert.Single(await All());
        Assert.Equal(EventActions.Push, e.Action);
        Assert.Equal(pushed.Repo.RegistryId, e.RegistryId);
        Assert.Equal(new EventTarget("app", pushed.Write.Digest.ToString(), pushed.Write.Parsed.MediaType, pushed.Write.Content.LongLength, "v1"), e.Target);
        Assert.Equal(e.Target.Size, e.Target.Length);
        Assert.Equal(origin.Request, e.Request);
        Assert.Equal("alice", e.Actor);
        Assert.True(e.Id > 0);
    }

    [Fact]
    public async Task A_rejected_push_appends_nothing()
    {
        var repo = await db.Repo("app");
        var config = await db.Blob(repo, "config");
        var write = TestManifests.Image(config, [TestManifests.Missing()], tag: "v1");

        Assert.False((await db.Manifests.PutAsync(repo, write, Ct)).Succeeded);

        Assert.Empty(await All());
    }

    [Fact]
    public async Task A_write_that_fails_after_appending_rolls_its_event_back()
    {
        var repo = await db.Repo("app");
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Database.WriteAsync<long>((c, t) =>
        {
            db.Events.Append(c, t, new NewEvent(repo.RegistryId, EventActions.Quarantine, new EventTarget("app")));
            throw new InvalidOperationException("the change failed");
        }, Ct));

        Assert.Equal("the change failed", failed.Message);
        Assert.Empty(await All());
    }

    [Fact]
    public async Task Delete_untag_and_blob_unlink_append_their_events_and_unknown_targets_append_none()
    {
        var (repo, write) = await PushAsync();
        Assert.True(await db.Manifests.UntagAsync(repo.Id, "v1", Ct));
        Assert.False(await db.Manifests.UntagAsync(repo.Id, "v1", Ct));
        Assert.True(await db.Manifests.DeleteAsync(repo.Id, write.Digest, Ct));
        Assert.False(await db.Manifests.DeleteAsync(repo.Id, write.Digest, Ct));
        var layer = write.Parsed.Layers[0];
        Assert.True(await db.Blobs.UnlinkAsync(repo.Id, layer.Digest, Ct));
        Assert.False(await db.Blobs.UnlinkAsync(repo.Id, layer.Digest, Ct));

        var events = await All();
        Assert.Equal([EventActions.Push, EventActions.Untag, EventActions.Delete, EventActions.BlobDelete], events.Select(e => e.Action));
        Assert.Equal(new EventTarget("app", write.Digest.ToString(), write.Parsed.MediaType, write.Content.LongLength, "v1"), events[1].Target);
        Assert.Equal(new EventTarget("app", write.Digest.ToString(), write.Parsed.MediaType, write.Content.LongLength), events[2].Target);
        Assert.Equal(new EventTarget("app", layer.Digest.ToString(), Size: layer.Size), events[3].Target);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Id < p.Second.Id));
        Assert.All(events, e => Assert.Null(e.Request));
    }

    [Fact]
    public async Task Standalone_appends_take_the_ambient_origin_and_wake_waiters()
    {
        var wake = db.Signal.Next;
        long id;
        using (EventContext.Use(new EventOrigin(new EventRequest("r", "h", "POST", null), "scanner")))
        {
            id = await db.Outbox.AppendAsync(new NewEvent(RegistryIds.Default, EventActions.ScanCompleted, new EventTarget("app", "sha256:00"), Data: """{"critical":1}"""), Ct);
        }

        Assert.True(wake.IsCompleted);
        var e = Assert.Single(await All());
        Assert.Equal(id, e.Id);
        Assert.Equal("scanner", e.Actor);
        Assert.Equal("""{"critical":1}""", e.Data);
    }

    [Fact]
    public async Task Cursors_start_at_zero_only_move_forward_and_survive_reopening_the_database()
    {
        Assert.Equal(0, await db.Outbox.OpenCursorAsync("hooks", Ct));
        await db.Outbox.AdvanceCursorAsync("hooks", 7, Ct);
        await db.Outbox.AdvanceCursorAsync("hooks", 5, Ct);
        Assert.Equal(7, await db.Outbox.OpenCursorAsync("hooks", Ct));
        Assert.Equal(0, await db.Outbox.OpenCursorAsync("scanner", Ct));

        var reopened = new SqliteEventOutbox(new SqliteDatabase(new SqliteMetadataOptions { DataFile = db.FilePath }), OutboxWriter.Detached(), TimeProvider.System);
        Assert.Equal(7, await reopened.OpenCursorAsync("hooks", Ct));
    }

    [Fact]
    public async Task Purge_removes_only_old_events_that_every_cursor_has_passed()
    {
        for (var i = 0; i < 4; i++)
        {
            await db.Outbox.AppendAsync(new NewEvent(RegistryIds.Default, EventActions.Import, new EventTarget("r" + i)), Ct);
        }

        var ids = (await All()).Select(e => e.Id).ToList();
        using (var c = db.Raw())
        {
            c.Execute("UPDATE events SET created_at = 0 WHERE id <> @last;", new { last = ids[3] });
        }

        await db.Outbox.AdvanceCursorAsync("fast", ids[3], Ct);
        await db.Outbox.AdvanceCursorAsync("slow", ids[1], Ct);
        var cutoff = DateTimeOffset.UtcNow.AddMinutes(-1);

        Assert.Equal(2, await db.Outbox.PurgeAsync(cutoff, Ct));
        Assert.Equal(ids[2..], (await All()).Select(e => e.Id));

        // Everything old and handled: the newest event still stays, so ids are never reused after a purge.
        await db.Outbox.AdvanceCursorAsync("slow", ids[3], Ct);
        using (var c = db.Raw())
        {
            c.Execute("UPDATE events SET created_at = 0;");
        }

        Assert.Equal(1, await db.Outbox.PurgeAsync(cutoff, Ct));
        Assert.Equal([ids[3]], (await All()).Select(e => e.Id));
        var next = await db.Outbox.AppendAsync(new NewEvent(RegistryIds.Default, EventActions.Import, new EventTarget("again")), Ct);
        Assert.True(next > ids[3]);
    }
}
