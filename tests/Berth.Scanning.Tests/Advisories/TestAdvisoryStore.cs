using System.Text;
using Berth.Advisories.Sqlite;
using Berth.Advisories.Sqlite.Database;
using Berth.Advisories.Sqlite.Store;
using Berth.Scanning.Advisories.Import;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Berth.Scanning.Tests.Advisories;

/// <summary>A real advisory database file in its own temp directory, with an importer over it.</summary>
internal sealed class TestAdvisoryStore : IDisposable
{
    public TestAdvisoryStore(HttpClient? http = null, ImportOptions? options = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "berth-advisory-tests", Guid.NewGuid().ToString("N"));
        Database = new AdvisoryDatabase(new SqliteAdvisoryOptions { DataFile = Path.Combine(Directory, "data", "advisories.db") });
        Store = new SqliteAdvisoryStore(Database, TimeProvider.System);
        Importer = new AdvisoryImporter(Store, http, options);
    }

    public static CancellationToken Ct => CancellationToken.None;

    public string Directory { get; }

    public AdvisoryDatabase Database { get; }

    public SqliteAdvisoryStore Store { get; }

    public AdvisoryImporter Importer { get; }

    public Task<ImportReport> ImportAsync(string pathOrUrl) => Importer.ImportAsync(pathOrUrl, Ct);

    /// <summary>Every row of every table (except import_run timestamps), to prove a failed import changed nothing.</summary>
    public string Snapshot()
    {
        using var connection = new SqliteConnection(Database.ConnectionString);
        connection.Open();
        var text = new StringBuilder();
        foreach (var (table, order) in new[]
        {
            ("advisory", "source, id"), ("affected", "advisory_pk, ordinal"), ("source", "name"),
            ("package_change", "import_id, ecosystem, name_key"), ("import_run", "id"),
        })
        {
            foreach (IDictionary<string, object?> row in connection.Query($"SELECT * FROM {table} ORDER BY {order};"))
            {
                text.Append(table).Append(':');
                foreach (var (column, value) in row)
                {
                    text.Append(column).Append('=').Append(value is byte[] bytes ? Convert.ToHexString(bytes) : value).Append(';');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }

    public long Count(string sql)
    {
        using var connection = new SqliteConnection(Database.ConnectionString);
        connection.Open();
        return connection.ExecuteScalar<long>(sql);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
