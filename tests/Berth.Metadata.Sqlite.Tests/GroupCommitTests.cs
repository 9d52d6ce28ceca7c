using Dapper;

namespace Berth.Metadata.Sqlite.Tests;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task Concurrent_writes_all_commit_and_a_failing_one_changes_nothing()
    {
        using var db = new TestDatabase();
        db.Database.Write((c, t) => c.Execute("CREATE TABLE gc_probe (n INTEGER PRIMARY KEY);", transaction: t));

        var writes = Enumerable.Range(0, 200).Select(n => db.Database.WriteAsync((c, t) =>
        {
            c.Execute("INSERT INTO gc_probe (n) VALUES (@n);", new { n }, t);
            if (n % 50 == 7)
            {
                // Inserted above, then fails: the savepoint must take the insert back.
                throw new InvalidOperationException($"write {n} fails");
            }

            return n;
        }, CancellationToken.None)).ToList();

        foreach (var (write, n) in writes.Select((w, n) => (w, n)))
        {
            if (n % 50 == 7)
            {
                var e = await Assert.ThrowsAsync<InvalidOperationException>(() => write);
                Assert.Equal($"write {n} fails", e.Message);
            }
            else
            {
                Assert.Equal(n, await write);
            }
        }

        using var connection = db.Database.Open();
        var stored = connection.Query<long>("SELECT n FROM gc_probe ORDER BY n;").ToList();
        Assert.Equal(Enumerable.Range(0, 200).Where(n => n % 50 != 7).Select(n => (long)n), stored);
    }

    [Fact]
    public async Task A_write_sees_the_writes_committed_before_it_in_its_batch()
    {
        using var db = new TestDatabase();
        db.Database.Write((c, t) => c.Execute("CREATE TABLE gc_counter (id INTEGER PRIMARY KEY, v INTEGER); INSERT INTO gc_counter VALUES (1, 0);", transaction: t));
        var increments = Enumerable.Range(0, 100).Select(_ => db.Database.WriteAsync((c, t) =>
            c.Execute("UPDATE gc_counter SET v = v + 1 WHERE id = 1;", transaction: t), CancellationToken.None));
        await Task.WhenAll(increments);
        using var connection = db.Database.Open();
        Assert.Equal(100, connection.ExecuteScalar<long>("SELECT v FROM gc_counter WHERE id = 1;"));
    }

    [Fact]
    public async Task Relaxed_writes_commit_and_leave_pooled_connections_fully_synchronous()
    {
        using var db = new TestDatabase();
        db.Database.Write((c, t) => c.Execute("CREATE TABLE gc_relaxed (n INTEGER PRIMARY KEY);", transaction: t));
        await Task.WhenAll(Enumerable.Range(0, 20).Select(n => db.Database.WriteRelaxedAsync(
            (c, t) => c.Execute("INSERT INTO gc_relaxed (n) VALUES (@n);", new { n }, t), CancellationToken.None)));

        using var connection = db.Database.Open();
        Assert.Equal(20, connection.ExecuteScalar<long>("SELECT count(*) FROM gc_relaxed;"));
        Assert.Equal(2, connection.ExecuteScalar<long>("PRAGMA synchronous;")); // 2 = FULL
    }
}
