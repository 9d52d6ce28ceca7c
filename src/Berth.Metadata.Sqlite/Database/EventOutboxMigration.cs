namespace Berth.Metadata.Sqlite.Database;

/// <summary>
/// Schema step: the event outbox and its consumers' cursors. AUTOINCREMENT keeps ids strictly growing and never
/// reused after a purge, so a cursor can never point past an event it has not seen. Cursors belong to consumers,
/// which read every registry's events, so they are the one table without a registry.
/// </summary>
internal static class EventOutboxMigration
{
    public const string Step = """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            registry_id INTEGER NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            action TEXT NOT NULL,
            repository TEXT NOT NULL,
            digest TEXT NULL,
            media_type TEXT NULL,
            size INTEGER NULL,
            tag TEXT NULL,
            request_id TEXT NULL,
            request_host TEXT NULL,
            request_method TEXT NULL,
            user_agent TEXT NULL,
            actor TEXT NULL,
            data TEXT NULL
        );

        CREATE TABLE event_cursors (
            consumer TEXT PRIMARY KEY,
            last_event_id INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;
}
