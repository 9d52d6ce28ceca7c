namespace Berth.Metadata.Sqlite.Database;

/// <summary>
/// Schema step: audit retention. <c>audit_anchor</c> holds the sequence and hash of the last purged record (the
/// chain restarts from it), and the delete trigger now lets through only records at or below the anchor, so a
/// purge must move the anchor first and cannot cut a hole in the kept part of the chain. The audit log is the
/// server's, not a registry's: server-scope records (logins, role assignments) belong to no registry.
/// </summary>
internal static class AuditRetentionMigration
{
    public const string Step = """
        CREATE TABLE audit_anchor (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            sequence INTEGER NOT NULL,
            hash BLOB NOT NULL,
            purged_at INTEGER NOT NULL,
            purged_count INTEGER NOT NULL
        );
        CREATE TRIGGER audit_anchor_forward BEFORE UPDATE ON audit_anchor WHEN NEW.sequence < OLD.sequence BEGIN
            SELECT RAISE(ABORT, 'the audit anchor only moves forward');
        END;
        CREATE TRIGGER audit_anchor_no_delete BEFORE DELETE ON audit_anchor BEGIN
            SELECT RAISE(ABORT, 'the audit anchor cannot be removed');
        END;
        DROP TRIGGER audit_log_no_delete;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        WHEN OLD.sequence > COALESCE((SELECT sequence FROM audit_anchor WHERE id = 1), 0) BEGIN
            SELECT RAISE(ABORT, 'the audit log is append-only; only records behind the retention anchor may be purged');
        END;
        """;
}
