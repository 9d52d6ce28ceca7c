using Microsoft.Data.Sqlite;

namespace Berth.Metadata.Sqlite.Database;

/// <summary>
/// Group commit: writes queued while another batch commits run together in one transaction, each inside its
/// own savepoint, and share one WAL fsync. A write that throws is rolled back to its savepoint alone and its
/// caller gets the exception; the others commit. Callers' tasks complete only after the commit is durable —
/// or, for a <paramref name="relaxedPragma"/> instance, once it is committed with that weaker synchronous
/// setting (it survives a process crash but not necessarily power loss).
/// </summary>
internal sealed class GroupCommit(SqliteDatabase database, SemaphoreSlim gate, string? relaxedPragma = null, string? restorePragma = null)
{
    private const int MaxBatch = 256;
    private readonly Lock queueLock = new();
    private List<IPendingWrite> queue = [];
    private bool leading;

    public Task<T> RunAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var pending = new PendingWrite<T>(work);
        bool lead;
        lock (queueLock)
        {
            queue.Add(pending);
            lead = !leading;
            leading = true;
        }

        if (lead)
        {
            _ = Task.Run(LeadAsync, CancellationToken.None);
        }

        return pending.Task;
    }

    private async Task LeadAsync()
    {
        while (true)
        {
            List<IPendingWrite> batch;
            lock (queueLock)
            {
                if (queue.Count == 0)
                {
                    leading = false;
                    return;
                }

                batch = queue.Count <= MaxBatch ? queue : queue[..MaxBatch];
                queue = queue.Count <= MaxBatch ? [] : queue[MaxBatch..];
            }

            await gate.WaitAsync();
            try
            {
                Commit(batch);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private void Commit(List<IPendingWrite> batch)
    {
        try
        {
            using var connection = database.Open();
            using var relaxed = Relax(connection);
            using var transaction = connection.BeginTransaction(deferred: false);
            for (var i = 0; i < batch.Count; i++)
            {
                var savepoint = "w" + i;
                transaction.Save(savepoint);
                try
                {
                    batch[i].Run(connection, transaction);
                    transaction.Release(savepoint);
                }
                catch (Exception e)
                {
                    transaction.Rollback(savepoint);
                    transaction.Release(savepoint);
                    batch[i].Fail(e);
                }
            }

            transaction.Commit();
        }
        catch (Exception e)
        {
            foreach (var write in batch)
            {
                write.Fail(e);
            }

            return;
        }

        foreach (var write in batch)
        {
            write.Complete();
        }
    }

    // Synchronous is a property of the (pooled) connection: set it for this batch and put it back after.
    private Restorer? Relax(SqliteConnection connection)
    {
        if (relaxedPragma is null)
        {
            return null;
        }

        Execute(connection, relaxedPragma);
        return new Restorer(connection, restorePragma!);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class Restorer(SqliteConnection connection, string pragma) : IDisposable
    {
        public void Dispose() => Execute(connection, pragma);
    }

    private interface IPendingWrite
    {
        void Run(SqliteConnection connection, SqliteTransaction transaction);

        void Fail(Exception exception);

        void Complete();
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, SqliteTransaction, T> work) : IPendingWrite
    {
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;

        public Task<T> Task => completion.Task;

        public void Run(SqliteConnection connection, SqliteTransaction transaction) => result = work(connection, transaction);

        public void Fail(Exception exception) => completion.TrySetException(exception);

        public void Complete() => completion.TrySetResult(result!);
    }
}
