using Berth.Core.Health;
using Berth.Metadata.Sqlite.Database;
using Microsoft.Data.Sqlite;

namespace Berth.Metadata.Sqlite.Health;

/// <summary>Database readiness: the file opens, answers a query, and has every schema step of this build applied.</summary>
public sealed class SqliteReadinessProbe(SqliteDatabase database) : IReadinessProbe
{
    public string Name => "database";

    public Task<string?> CheckAsync(CancellationToken ct)
    {
        try
        {
            using var connection = database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version;";
            var version = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            return Task.FromResult(version == Migrations.Steps.Count
                ? null
                : $"schema version {version}, but this build needs {Migrations.Steps.Count}: migrations are not applied");
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
        {
            return Task.FromResult<string?>($"the metadata database is unreachable: {e.Message}");
        }
    }
}
