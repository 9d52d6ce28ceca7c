using Berth.Core.Metadata;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Uploads;

/// <summary>Upload sessions in SQLite. Ids are stored as lowercase "D"-format text, not Guid blobs, so they read well in the shell.</summary>
public sealed class SqliteUploadStore(SqliteDatabase database) : IUploadStore
{
    private const string Columns = "id, repository_id AS RepositoryId, repository, started_at AS StartedAt, updated_at AS UpdatedAt";

    /// <exception cref="InvalidOperationException">The repository does not exist.</exception>
    public async Task CreateAsync(UploadRecord upload, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();

        // The registry comes from the repository row, so an upload can never name a registry its repository is not in.
        var inserted = await database.WriteRelaxedAsync((connection, transaction) => connection.Execute(
            """
            INSERT INTO uploads (id, registry_id, repository_id, repository, started_at, updated_at)
            SELECT @id, r.registry_id, r.id, @repository, @startedAt, @updatedAt FROM repositories r WHERE r.id = @repositoryId;
            """,
            new
            {
                id = Key(upload.Id),
                repositoryId = upload.RepositoryId,
                repository = upload.Repository,
                startedAt = UnixTime.ToMs(upload.StartedAt),
                updatedAt = UnixTime.ToMs(upload.UpdatedAt),
            },
            transaction), ct);
        if (inserted != 1)
        {
            throw new InvalidOperationException($"repository {upload.RepositoryId} does not exist");
        }
    }

    public Task<UploadRecord?> GetAsync(Guid id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var row = connection.QuerySingleOrDefault<UploadRow>($"SELECT {Columns} FROM uploads WHERE id = @id;", new { id = Key(id) });
        return Task.FromResult(row?.ToRecord());
    }

    public async Task TouchAsync(Guid id, DateTimeOffset at, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        await database.WriteRelaxedAsync((connection, transaction) => connection.Execute(
            "UPDATE uploads SET updated_at = max(updated_at, @at) WHERE id = @id;",
            new { id = Key(id), at = UnixTime.ToMs(at) },
            transaction), ct);
        return;
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var deleted = await database.WriteRelaxedAsync((connection, transaction) =>
            connection.Execute("DELETE FROM uploads WHERE id = @id;", new { id = Key(id) }, transaction), ct);
        return deleted > 0;
    }

    public Task<IReadOnlyList<UploadRecord>> ListIdleAsync(DateTimeOffset cutoff, int limit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<UploadRecord>>([]);
        }

        using var connection = database.Open();
        var rows = connection.Query<UploadRow>(
            $"SELECT {Columns} FROM uploads WHERE updated_at < @cutoff ORDER BY updated_at LIMIT @limit;",
            new { cutoff = UnixTime.ToMs(cutoff), limit });
        return Task.FromResult<IReadOnlyList<UploadRecord>>(rows.Select(r => r.ToRecord()).ToList());
    }

    private static string Key(Guid id) => id.ToString("D");

    private sealed record UploadRow(string Id, long RepositoryId, string Repository, long StartedAt, long UpdatedAt)
    {
        public UploadRecord ToRecord() =>
            new(Guid.Parse(Id), RepositoryId, Repository, UnixTime.FromMs(StartedAt), UnixTime.FromMs(UpdatedAt));
    }
}
