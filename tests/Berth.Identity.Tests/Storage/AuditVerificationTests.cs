using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Stores;
using Berth.Identity.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using static Berth.Identity.Tests.Infrastructure.IdentityHarness;

namespace Berth.Identity.Tests.Storage;

/// <summary>The chain verifier and retention purge against the real SQLite store, tampered with through raw SQL.</summary>
public sealed class AuditVerificationTests : IDisposable
{
    private readonly IdentityHarness h = new();

    public void Dispose() => h.Dispose();

    private IAuditStore Store => h.Get<IAuditStore>();

    private AuditVerifier Verifier => new(Store);

    private async Task AppendAsync(int count, int secondsFrom = 0)
    {
        for (var i = 0; i < count; i++)
        {
            await Store.AppendAsync(new AuditEntry(T0.AddSeconds(secondsFrom + i), "test.event", "usr_x", $"t{secondsFrom + i}", "10.0.0.1", $"r{i}", true), Ct);
        }
    }

    private void Tamper(string sql)
    {
        using var c = h.Raw();
        c.Execute("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;");
        c.Execute(sql);
    }

    [Fact]
    public async Task An_untouched_chain_verifies()
    {
        await AppendAsync(5);
        var v = await Verifier.VerifyAsync(Ct);

        Assert.True(v.Valid);
        Assert.Equal((5L, 1L, 5L), (v.Records, v.FirstSequence, v.LastSequence));
        Assert.Null(v.Anchor);
    }

    [Fact]
    public async Task An_edited_record_is_reported_as_edited_at_its_sequence()
    {
        await AppendAsync(5);
        Tamper("UPDATE audit_log SET actor = 'someone-else' WHERE sequence = 3;");

        var failure = (await Verifier.VerifyAsync(Ct)).Failure;

        Assert.Equal((3L, AuditBreak.Edited), (failure!.Sequence, failure.Reason));
    }

    [Fact]
    public async Task A_deleted_record_in_the_middle_or_at_the_end_is_reported_as_deleted()
    {
        await AppendAsync(5);
        Tamper("DELETE FROM audit_log WHERE sequence = 2;");
        var middle = (await Verifier.VerifyAsync(Ct)).Failure;
        Tamper("DELETE FROM audit_log WHERE sequence >= 2;");
        var end = (await Verifier.VerifyAsync(Ct)).Failure;

        Assert.Equal((2L, AuditBreak.Deleted), (middle!.Sequence, middle.Reason));
        Assert.Equal((2L, AuditBreak.Deleted), (end!.Sequence, end.Reason));
        Assert.Contains("end of the log", end.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_swapped_into_each_others_place_are_reported_as_reordered()
    {
        await AppendAsync(4);
        // Move record 3's whole row (content and hashes) into slot 2 and vice versa.
        Tamper("""
            UPDATE audit_log SET sequence = -2 WHERE sequence = 2;
            UPDATE audit_log SET sequence = 2 WHERE sequence = 3;
            UPDATE audit_log SET sequence = 3 WHERE sequence = -2;
            """);

        var failure = (await Verifier.VerifyAsync(Ct)).Failure;

        Assert.Equal((2L, AuditBreak.Reordered), (failure!.Sequence, failure.Reason));
    }

    [Fact]
    public async Task Purge_removes_the_old_prefix_behind_an_anchor_and_the_chain_still_verifies()
    {
        await AppendAsync(3);
        await AppendAsync(2, secondsFrom: 100);

        var purge = await Store.PurgeAsync(T0.AddSeconds(50), T0.AddSeconds(200), Ct);
        await AppendAsync(1, secondsFrom: 300);
        var v = await Verifier.VerifyAsync(Ct);

        Assert.Equal(3, purge.Removed);
        Assert.Equal(3, purge.Anchor!.Sequence);
        Assert.True(v.Valid, v.Failure?.Message);
        Assert.Equal((3L, 4L, 6L), (v.Records, v.FirstSequence, v.LastSequence));
        Assert.Equal(3, v.Anchor!.Sequence);
    }

    [Fact]
    public async Task Purging_everything_keeps_numbering_and_chaining_from_the_anchor()
    {
        await AppendAsync(3);
        await Store.PurgeAsync(T0.AddDays(1), T0.AddDays(1), Ct);
        await AppendAsync(2, secondsFrom: 100);

        var v = await Verifier.VerifyAsync(Ct);

        Assert.True(v.Valid, v.Failure?.Message);
        Assert.Equal((4L, 5L), (v.FirstSequence, v.LastSequence));
    }

    [Fact]
    public async Task Records_ahead_of_the_anchor_cannot_be_deleted_and_the_anchor_cannot_move_back()
    {
        await AppendAsync(4);
        await Store.PurgeAsync(T0.AddSeconds(2), T0.AddSeconds(10), Ct);
        using var c = h.Raw();

        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => c.Execute("DELETE FROM audit_log WHERE sequence = 3;")).Message, StringComparison.Ordinal);
        Assert.Contains("forward", Assert.Throws<SqliteException>(() => c.Execute("UPDATE audit_anchor SET sequence = 0;")).Message, StringComparison.Ordinal);
        Assert.Equal(2, c.ExecuteScalar<long>("SELECT count(*) FROM audit_log;"));
    }

    [Fact]
    public async Task A_batch_is_appended_in_order_in_one_chain()
    {
        await AppendAsync(1);
        var batch = Enumerable.Range(0, 300).Select(i => new AuditEntry(T0.AddSeconds(i), "repository.pull", "usr_x", $"repo:{i}", "10.0.0.2", $"q{i}", true)).ToList();

        await Store.AppendBatchAsync(batch, Ct);
        var v = await Verifier.VerifyAsync(Ct);
        var read = await Store.ReadRecordsAsync(new AuditQuery(1, 1000), Ct);

        Assert.True(v.Valid, v.Failure?.Message);
        Assert.Equal(301, v.LastSequence);
        Assert.Equal(batch.Select(e => e.Target), read.Select(r => r.Entry.Target));
    }
}
