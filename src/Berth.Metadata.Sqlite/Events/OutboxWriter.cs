using Berth.Core.Events;
using Berth.Metadata.Sqlite.Database;
using Microsoft.Data.Sqlite;

namespace Berth.Metadata.Sqlite.Events;

/// <summary>
/// Appends events inside a caller's transaction, so an event commits or rolls back with the change it describes.
/// Callers take <see cref="EventContext.Current"/> on their own flow (writes may run on a group-commit thread) and
/// call <see cref="Committed"/> after their commit to wake in-process consumers; without it consumers still find
/// the events at their next poll. Thread-safe.
/// </summary>
public sealed class OutboxWriter(TimeProvider time, EventSignal signal)
{
    private const string InsertSql = """
        INSERT INTO events (registry_id, created_at, action, repository, digest, media_type, size, tag,
                            request_id, request_host, request_method, user_agent, actor, data)
        VALUES ($registry, $at, $action, $repository, $digest, $mediaType, $size, $tag,
                $requestId, $host, $method, $userAgent, $actor, $data)
        RETURNING id;
        """;

    /// <summary>For stores built without dependency injection (tests, tools): system time, a private signal.</summary>
    public static OutboxWriter Detached() => new(TimeProvider.System, new EventSignal());

    /// <summary>Appends <paramref name="newEvent"/> in <paramref name="transaction"/> and returns its id.</summary>
    public long Append(SqliteConnection connection, SqliteTransaction transaction, NewEvent newEvent)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(newEvent);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = InsertSql;
        var target = newEvent.Target;
        var request = newEvent.Request;
        var p = insert.Parameters;
        p.AddWithValue("$registry", newEvent.RegistryId);
        p.AddWithValue("$at", UnixTime.ToMs(time.GetUtcNow()));
        p.AddWithValue("$action", newEvent.Action);
        p.AddWithValue("$repository", target.Repository);
        p.AddWithValue("$digest", Nullable(target.Digest));
        p.AddWithValue("$mediaType", Nullable(target.MediaType));
        p.AddWithValue("$size", target.Size is { } size ? size : DBNull.Value);
        p.AddWithValue("$tag", Nullable(target.Tag));
        p.AddWithValue("$requestId", Nullable(request?.Id));
        p.AddWithValue("$host", Nullable(request?.Host));
        p.AddWithValue("$method", Nullable(request?.Method));
        p.AddWithValue("$userAgent", Nullable(request?.UserAgent));
        p.AddWithValue("$actor", Nullable(newEvent.Actor));
        p.AddWithValue("$data", Nullable(newEvent.Data));
        return (long)insert.ExecuteScalar()!;
    }

    /// <summary>The registry and name of a repository, read in <paramref name="transaction"/> (for the event's target).</summary>
    internal static (long RegistryId, string Name) Repository(SqliteConnection connection, SqliteTransaction transaction, long repositoryId)
    {
        using var find = connection.CreateCommand();
        find.Transaction = transaction;
        find.CommandText = "SELECT registry_id, name FROM repositories WHERE id = $id;";
        find.Parameters.AddWithValue("$id", repositoryId);
        using var reader = find.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : throw new InvalidOperationException($"repository {repositoryId} does not exist");
    }

    /// <summary>Wakes in-process consumers; call after the transaction holding appended events committed.</summary>
    public void Committed() => signal.Notify();

    private static object Nullable(string? value) => (object?)value ?? DBNull.Value;
}
