using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Storage;
using Microsoft.Data.Sqlite;

namespace Berth.Advisories.Sqlite.Import;

/// <summary>
/// Prepared, reused commands for the import transaction: one SqliteCommand per SQL text, so the thousands of
/// rows of a bulk import are not re-parsed one by one.
/// </summary>
internal sealed class SqlCommands(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

    public SqliteTransaction? Transaction { get; private set; }

    public void Enlist(SqliteTransaction transaction) => Transaction = transaction;

    public int Run(string text, params (string Name, object? Value)[] parameters) => Prepare(text, parameters).ExecuteNonQuery();

    public T Scalar<T>(string text, params (string Name, object? Value)[] parameters) =>
        (T)Convert.ChangeType(Prepare(text, parameters).ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);

    public List<T> Rows<T>(string text, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        var rows = new List<T>();
        using var reader = Prepare(text, parameters).ExecuteReader();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public (long Pk, byte[] Hash, string Origin)? Existing(string source, string id)
    {
        var rows = Rows(
            "SELECT pk, hash, origin FROM advisory WHERE source = $s AND id = $i;",
            r => (r.GetInt64(0), (byte[])r.GetValue(1), r.GetString(2)),
            ("$s", source), ("$i", id));
        return rows.Count == 0 ? null : rows[0];
    }

    public List<PackageKey> AffectedKeys(long pk) =>
        Rows("SELECT ecosystem, name_key FROM affected WHERE advisory_pk = $pk;", r => new PackageKey(r.GetString(0), r.GetString(1)), ("$pk", pk));

    public long InsertAdvisory(Advisory advisory, string origin, byte[] hash, long runId) => Scalar<long>(
        """
        INSERT INTO advisory (source, id, origin, hash, published, modified, withdrawn, header, details, changed_in)
        VALUES ($source, $id, $origin, $hash, $published, $modified, $withdrawn, $header, $details, $run) RETURNING pk;
        """,
        Columns(advisory, origin, hash, runId));

    public void UpdateAdvisory(long pk, Advisory advisory, string origin, byte[] hash, long runId) => Run(
        """
        UPDATE advisory SET origin = $origin, hash = $hash, published = $published, modified = $modified, withdrawn = $withdrawn,
            header = $header, details = $details, changed_in = $run
        WHERE pk = $pk AND source = $source AND id = $id;
        """,
        [.. Columns(advisory, origin, hash, runId), ("$pk", pk)]);

    public void Dispose()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }
    }

    private static (string, object?)[] Columns(Advisory advisory, string origin, byte[] hash, long runId) =>
    [
        ("$source", advisory.Source), ("$id", advisory.Id), ("$origin", origin), ("$hash", hash),
        ("$published", advisory.Published?.ToUnixTimeMilliseconds()), ("$modified", advisory.Modified?.ToUnixTimeMilliseconds()),
        ("$withdrawn", advisory.Withdrawn?.ToUnixTimeMilliseconds()), ("$header", AdvisoryJson.Serialize(AdvisoryJson.Header(advisory))),
        ("$details", advisory.Details), ("$run", runId),
    ];

    private SqliteCommand Prepare(string text, (string Name, object? Value)[] parameters)
    {
        if (!commands.TryGetValue(text, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = text;
            commands[text] = command;
        }

        command.Transaction = Transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
