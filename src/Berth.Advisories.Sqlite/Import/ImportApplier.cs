using System.Security.Cryptography;
using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Storage;
using Microsoft.Data.Sqlite;

namespace Berth.Advisories.Sqlite.Import;

/// <summary>
/// Applies a staged run in one IMMEDIATE transaction: merges repeated ids, skips advisories whose content hash
/// is unchanged, replaces changed ones with their affected rows, prunes what the origin no longer holds, and
/// records the run, the changed package keys and the sources' import times. Any exception rolls all of it back.
/// </summary>
internal sealed class ImportApplier(
    SqliteConnection connection, string origin, ImportSessionOptions options, int staged, long startedAt, TimeProvider time)
{
    private readonly HashSet<PackageKey> changedPackages = [];
    private readonly HashSet<string> touchedSources = new(StringComparer.Ordinal);
    private readonly HashSet<string> changedSources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> bySource = new(StringComparer.Ordinal);
    private readonly SqlCommands sql = new(connection);
    private int added;
    private int updated;
    private int removed;
    private int unchanged;

    public ImportChanges Apply(CancellationToken ct)
    {
        using var commands = sql;
        using var transaction = connection.BeginTransaction(deferred: false);
        sql.Enlist(transaction);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var runId = sql.Scalar<long>("INSERT INTO import_run (origin, started_at, finished_at) VALUES ($o, $s, $f) RETURNING id;", ("$o", origin), ("$s", startedAt), ("$f", now));
        ApplyStaged(runId, ct);
        if (options.PruneMissing && staged > 0)
        {
            Prune();
        }

        foreach (var key in changedPackages)
        {
            sql.Run("INSERT OR IGNORE INTO package_change (import_id, ecosystem, name_key) VALUES ($r, $e, $n);", ("$r", runId), ("$e", key.Ecosystem), ("$n", key.Name));
        }

        foreach (var source in touchedSources)
        {
            sql.Run(
                """
                INSERT INTO source (name, last_import_id, last_import_at, last_changed_at) VALUES ($n, $r, $t, $c)
                ON CONFLICT (name) DO UPDATE SET last_import_id = excluded.last_import_id, last_import_at = excluded.last_import_at,
                    last_changed_at = coalesce(excluded.last_changed_at, source.last_changed_at);
                """,
                ("$n", source), ("$r", runId), ("$t", now), ("$c", changedSources.Contains(source) ? now : null));
        }

        sql.Run(
            "UPDATE import_run SET added = $a, updated = $u, removed = $d, unchanged = $s WHERE id = $r;",
            ("$a", added), ("$u", updated), ("$d", removed), ("$s", unchanged), ("$r", runId));
        transaction.Commit();
        return new ImportChanges
        {
            ImportId = runId,
            Added = added,
            Updated = updated,
            Removed = removed,
            Unchanged = unchanged,
            ChangedPackages = changedPackages.OrderBy(k => k.Ecosystem, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal).ToArray(),
            AdvisoriesBySource = bySource,
        };
    }

    private void ApplyStaged(long runId, CancellationToken ct)
    {
        using var read = connection.CreateCommand();
        read.Transaction = sql.Transaction;
        read.CommandText = "SELECT source, id, json FROM temp.staged ORDER BY source, id, seq;";
        using var reader = read.ExecuteReader();
        var parts = new List<byte[]>();
        string? source = null;
        string? id = null;
        while (reader.Read())
        {
            var rowSource = reader.GetString(0);
            var rowId = reader.GetString(1);
            if (parts.Count > 0 && (rowSource != source || rowId != id))
            {
                ct.ThrowIfCancellationRequested();
                ApplyOne(runId, source!, id!, parts);
                parts.Clear();
            }

            (source, id) = (rowSource, rowId);
            parts.Add((byte[])reader.GetValue(2));
        }

        if (parts.Count > 0)
        {
            ApplyOne(runId, source!, id!, parts);
        }
    }

    private void ApplyOne(long runId, string source, string id, List<byte[]> parts)
    {
        touchedSources.Add(source);
        bySource[source] = bySource.GetValueOrDefault(source) + 1;
        Advisory? advisory = null;
        byte[] json;
        if (parts.Count == 1)
        {
            json = parts[0];
        }
        else
        {
            advisory = AdvisoryMerger.Merge(parts.Select(p => AdvisoryJson.DeserializeAdvisory(p)).ToArray());
            json = AdvisoryJson.Serialize(advisory);
        }

        var hash = SHA256.HashData(json);
        var existing = sql.Existing(source, id);
        if (existing is { } same && same.Hash.AsSpan().SequenceEqual(hash))
        {
            unchanged++;
            if (same.Origin != origin)
            {
                sql.Run("UPDATE advisory SET origin = $o WHERE pk = $pk;", ("$o", origin), ("$pk", same.Pk));
            }

            sql.Run("INSERT OR IGNORE INTO temp.seen (pk) VALUES ($pk);", ("$pk", same.Pk));
            return;
        }

        advisory ??= AdvisoryJson.DeserializeAdvisory(json);
        long pk;
        if (existing is { } old)
        {
            pk = old.Pk;
            changedPackages.UnionWith(sql.AffectedKeys(pk));
            sql.Run("DELETE FROM affected WHERE advisory_pk = $pk;", ("$pk", pk));
            sql.UpdateAdvisory(pk, advisory, origin, hash, runId);
            updated++;
        }
        else
        {
            pk = sql.InsertAdvisory(advisory, origin, hash, runId);
            added++;
        }

        for (var i = 0; i < advisory.Affected.Count; i++)
        {
            var entry = advisory.Affected[i];
            var key = new PackageKey(entry.Ecosystem, entry.NameKey);
            sql.Run(
                "INSERT INTO affected (advisory_pk, ordinal, ecosystem, name_key, entry) VALUES ($pk, $i, $e, $n, $j);",
                ("$pk", pk), ("$i", i), ("$e", key.Ecosystem), ("$n", key.Name), ("$j", AdvisoryJson.Serialize(entry)));
            changedPackages.Add(key);
        }

        changedSources.Add(source);
        sql.Run("INSERT OR IGNORE INTO temp.seen (pk) VALUES ($pk);", ("$pk", pk));
    }

    private void Prune()
    {
        var gone = sql.Rows(
            "SELECT pk, source FROM advisory WHERE origin = $o AND pk NOT IN (SELECT pk FROM temp.seen);",
            r => (Pk: r.GetInt64(0), Source: r.GetString(1)),
            ("$o", origin));
        foreach (var (pk, source) in gone)
        {
            changedPackages.UnionWith(sql.AffectedKeys(pk));
            sql.Run("DELETE FROM advisory WHERE pk = $pk;", ("$pk", pk));
            touchedSources.Add(source);
            changedSources.Add(source);
            removed++;
        }
    }
}
