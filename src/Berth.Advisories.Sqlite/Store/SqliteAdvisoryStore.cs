using System.Collections.Concurrent;
using Berth.Advisories.Sqlite.Database;
using Berth.Advisories.Sqlite.Import;
using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Berth.Advisories.Sqlite.Store;

/// <summary>The SQLite <see cref="IAdvisoryStore"/>. Readers use WAL snapshots and never wait for an import.</summary>
public sealed class SqliteAdvisoryStore : IAdvisoryStore
{
    private const int HeaderCacheLimit = 100_000;
    private readonly AdvisoryDatabase database;

    // Candidate headers by (row, run that last changed it): a changed advisory gets a new key, so entries never go
    // stale; the scanner's repeated re-matches then skip most JSON parsing.
    private readonly ConcurrentDictionary<(long Pk, long ChangedIn), Advisory> headers = new();
    private readonly TimeProvider time;

    public SqliteAdvisoryStore(AdvisoryDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        this.database = database;
        this.time = time;
    }

    public Task<IAdvisoryImportSession> BeginImportAsync(string origin, ImportSessionOptions options, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        ArgumentNullException.ThrowIfNull(options);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<IAdvisoryImportSession>(SqliteImportSession.Start(database, time, origin, options));
    }

    public Task<IReadOnlyList<AdvisoryCandidate>> FindCandidatesAsync(IReadOnlyCollection<PackageKey> packages, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ct.ThrowIfCancellationRequested();
        var result = new List<AdvisoryCandidate>();
        if (packages.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<AdvisoryCandidate>>(result);
        }

        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT a.pk, a.changed_in, a.header, f.entry FROM affected f JOIN advisory a ON a.pk = f.advisory_pk
            WHERE f.ecosystem = $e AND f.name_key = $n AND a.withdrawn IS NULL
            ORDER BY a.source, a.id, f.ordinal;
            """;
        var ecosystem = command.Parameters.Add("$e", SqliteType.Text);
        var name = command.Parameters.Add("$n", SqliteType.Text);
        if (headers.Count > HeaderCacheLimit)
        {
            headers.Clear();
        }

        foreach (var package in packages.Distinct())
        {
            ct.ThrowIfCancellationRequested();
            ecosystem.Value = package.Ecosystem;
            name.Value = package.Name;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = (reader.GetInt64(0), reader.GetInt64(1));
                if (!headers.TryGetValue(key, out var header))
                {
                    header = AdvisoryJson.DeserializeAdvisory((byte[])reader.GetValue(2));
                    headers[key] = header;
                }

                result.Add(new AdvisoryCandidate(package, header, AdvisoryJson.DeserializeAffected((byte[])reader.GetValue(3))));
            }
        }

        return Task.FromResult<IReadOnlyList<AdvisoryCandidate>>(result);
    }

    public Task<Advisory?> GetAsync(string source, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        ct.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var row = connection.QuerySingleOrDefault<(long Pk, byte[] Header, string? Details)>(
            "SELECT pk, header, details FROM advisory WHERE source = @source AND id = @id;", new { source, id }, transaction);
        if (row.Header is null)
        {
            return Task.FromResult<Advisory?>(null);
        }

        var affected = connection.Query<byte[]>(
            "SELECT entry FROM affected WHERE advisory_pk = @pk ORDER BY ordinal;", new { pk = row.Pk }, transaction);
        var advisory = AdvisoryJson.DeserializeAdvisory(row.Header) with
        {
            Details = row.Details,
            Affected = affected.Select(e => AdvisoryJson.DeserializeAffected(e)).ToArray(),
        };
        return Task.FromResult<Advisory?>(advisory);
    }

    public Task<IReadOnlyList<AdvisorySourceStatus>> GetSourcesAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var rows = connection.Query<SourceRow>(
            """
            SELECT s.name AS Name, s.last_import_id AS LastImportId, s.last_import_at AS LastImportAt, s.last_changed_at AS LastChangedAt,
                (SELECT count(*) FROM advisory a WHERE a.source = s.name) AS Advisories,
                (SELECT count(*) FROM advisory a WHERE a.source = s.name AND a.withdrawn IS NOT NULL) AS Withdrawn,
                (SELECT max(coalesce(a.modified, a.published)) FROM advisory a WHERE a.source = s.name) AS NewestData,
                (SELECT count(*) FROM (SELECT DISTINCT f.ecosystem, f.name_key FROM affected f JOIN advisory a ON a.pk = f.advisory_pk
                    WHERE a.source = s.name)) AS Packages
            FROM source s ORDER BY s.name;
            """,
            transaction: transaction);
        IReadOnlyList<AdvisorySourceStatus> result = rows.Select(r => new AdvisorySourceStatus
        {
            Name = r.Name,
            Advisories = (int)r.Advisories,
            Withdrawn = (int)r.Withdrawn,
            Packages = (int)r.Packages,
            LastImportId = r.LastImportId,
            LastImportAt = DateTimeOffset.FromUnixTimeMilliseconds(r.LastImportAt),
            LastChangedAt = r.LastChangedAt is { } changed ? DateTimeOffset.FromUnixTimeMilliseconds(changed) : null,
            NewestData = r.NewestData is { } newest ? DateTimeOffset.FromUnixTimeMilliseconds(newest) : null,
        }).ToArray();
        return Task.FromResult(result);
    }

    public Task<AdvisoryChanges> GetChangesSinceAsync(long afterImportId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        var latest = connection.ExecuteScalar<long>("SELECT coalesce(max(id), 0) FROM import_run;", transaction: transaction);
        var packages = connection.Query<(string Ecosystem, string Name)>(
            "SELECT DISTINCT ecosystem, name_key FROM package_change WHERE import_id > @after ORDER BY ecosystem, name_key;",
            new { after = afterImportId },
            transaction);
        return Task.FromResult(new AdvisoryChanges(latest, packages.Select(p => new PackageKey(p.Ecosystem, p.Name)).ToArray()));
    }

    // Settable properties, not a positional record: SQLite reports NULL columns with no type, which defeats
    // Dapper's constructor matching.
    private sealed class SourceRow
    {
        public string Name { get; set; } = string.Empty;

        public long LastImportId { get; set; }

        public long LastImportAt { get; set; }

        public long? LastChangedAt { get; set; }

        public long Advisories { get; set; }

        public long Withdrawn { get; set; }

        public long? NewestData { get; set; }

        public long Packages { get; set; }
    }
}
