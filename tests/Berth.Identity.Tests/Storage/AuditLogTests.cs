using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Identity.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using static Berth.Identity.Tests.Infrastructure.IdentityHarness;

namespace Berth.Identity.Tests.Storage;

public sealed class AuditLogTests : IDisposable
{
    private readonly IdentityHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task Entries_are_read_back_in_order_and_paged()
    {
        for (var i = 0; i < 5; i++)
        {
            await h.Audit.AppendAsync(new AuditEntry(T0.AddSeconds(i), "test.event", "usr_x", $"t{i}", "10.0.0.1", $"r{i}", i % 2 == 0, $"d{i}"), Ct);
        }

        var first = await h.Audit.ReadAsync(0, 2, Ct);
        var rest = await h.Audit.ReadAsync(first[^1].Sequence, 100, Ct);

        Assert.Equal([1L, 2], first.Select(e => e.Sequence));
        Assert.Equal([3L, 4, 5], rest.Select(e => e.Sequence));
        Assert.Equal(new AuditEntry(T0.AddSeconds(2), "test.event", "usr_x", "t2", "10.0.0.1", "r2", true, "d2") { Sequence = 3 }, rest[0]);
        Assert.Single(await h.Audit.ReadAsync(0, 0, Ct));
        Assert.Empty(await h.Audit.ReadAsync(5, 10, Ct));
    }

    [Fact]
    public async Task Every_row_extends_a_sha256_chain_that_verifies_end_to_end()
    {
        await h.Users.CreateAsync("alice", null, Actor, Ct);
        await h.Login("alice", "wrong-password");
        await h.Settings.SetAnonymousPullAsync(Registry, true, Actor, Ct);
        var entries = await h.Audit.ReadAsync(0, 100, Ct);

        using var c = h.Raw();
        var rows = c.Query<(long Sequence, byte[] Previous, byte[] Hash)>("SELECT sequence, prev_hash, hash FROM audit_log ORDER BY sequence;").ToList();

        Assert.Equal(3, rows.Count);
        var previous = AuditChain.Genesis();
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(previous, rows[i].Previous);
            Assert.Equal(AuditChain.Next(previous, rows[i].Sequence, entries[i]), rows[i].Hash);
            previous = rows[i].Hash;
        }

        var forged = entries[1] with { Detail = "ok" };
        Assert.NotEqual(rows[1].Hash, AuditChain.Next(rows[0].Hash, 2, forged));
    }

    [Fact]
    public async Task The_table_refuses_updates_and_deletes()
    {
        await h.Users.CreateAsync("alice", null, Actor, Ct);
        using var c = h.Raw();

        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => c.Execute("UPDATE audit_log SET actor = 'someone-else';")).Message, StringComparison.Ordinal);
        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => c.Execute("DELETE FROM audit_log;")).Message, StringComparison.Ordinal);
        Assert.Equal(1, c.ExecuteScalar<long>("SELECT count(*) FROM audit_log;"));
    }

    [Fact]
    public void The_chain_hash_is_the_documented_byte_layout()
    {
        // SHA-256(previous ‖ sequence BE64 ‖ unix ms BE64 ‖ per field: BE32 UTF-8 length (-1 for null) ‖ bytes),
        // computed independently (Python hashlib); stored chains depend on this never changing.
        var entry = new AuditEntry(T0, "repository.pull", "usr_x", "lib/a:v1", "10.0.0.1", null, true, "registry=1 status=200 é");

        var hash = AuditChain.Next(AuditChain.Genesis(), 7, entry);

        Assert.Equal("fdf0eab7994943cfc41577e967a7f07f9f94341a4373dd0cc7f6da40acb4e89c", Convert.ToHexStringLower(hash));
        Assert.NotEqual(hash, AuditChain.Next(AuditChain.Genesis(), 7, entry with { Detail = new string('d', 5000) }));
    }

    [Fact]
    public void The_chain_hash_separates_fields_and_covers_sequence_and_time()
    {
        var entry = new AuditEntry(T0, "a", "b", "c", null, null, true);
        var genesis = AuditChain.Genesis();
        var hash = AuditChain.Next(genesis, 1, entry);

        Assert.Equal(32, hash.Length);
        Assert.NotEqual(hash, AuditChain.Next(genesis, 2, entry));
        Assert.NotEqual(hash, AuditChain.Next(genesis, 1, entry with { At = T0.AddMilliseconds(1) }));
        Assert.NotEqual(hash, AuditChain.Next(genesis, 1, entry with { Action = "ab", Actor = "" }));
        Assert.NotEqual(hash, AuditChain.Next(genesis, 1, entry with { Target = null }));
        Assert.NotEqual(hash, AuditChain.Next(genesis, 1, entry with { Success = false }));
        Assert.Throws<ArgumentException>(() => AuditChain.Next(new byte[3], 1, entry));
    }

    [Fact]
    public async Task A_change_and_its_audit_entry_commit_together_and_bump_the_version()
    {
        var before = h.Scalar("SELECT version FROM identity_state;");

        await h.Users.CreateAsync("alice", null, Actor, Ct);
        await Assert.ThrowsAsync<IdentityException>(() => h.Users.CreateAsync("alice", null, Actor, Ct));

        Assert.Equal(before + 1, h.Scalar("SELECT version FROM identity_state;"));
        Assert.Equal(1, h.Scalar("SELECT count(*) FROM audit_log;"));
        await h.Login("alice", "wrong-password");
        Assert.Equal(before + 1, h.Scalar("SELECT version FROM identity_state;"));
    }
}
