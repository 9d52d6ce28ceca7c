namespace Berth.Metadata.Sqlite.Database;

/// <summary>
/// Schema step: the event outbox, its consumers' cursors, and webhooks with their deliveries. Event ids are rowids
/// (max + 1): the purge never deletes the newest event, so ids keep growing and are never reused, and a cursor can
/// never point past an event it has not seen. (AUTOINCREMENT would give the same guarantee at the price of a
/// second page written by every push.) Cursors belong to consumers,
/// which read every registry's events, so they are the one table without a registry.
/// </summary>
internal static class EventsMigration
{
    public const string Step = """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
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

        -- Webhooks and their deliveries (one row per event and webhook; pings have no event). Secrets and header
        -- values are stored sealed (AES-GCM, SecretBox); header names stay readable for listings.
        CREATE TABLE webhooks (
            id INTEGER PRIMARY KEY,
            registry_id INTEGER NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            service_uri TEXT NOT NULL,
            actions TEXT NOT NULL,
            scope TEXT NOT NULL,
            enabled INTEGER NOT NULL,
            format TEXT NOT NULL,
            header_names TEXT NOT NULL,
            sealed_headers BLOB NULL,
            sealed_secret BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (registry_id, name_key)
        );

        CREATE TABLE webhook_deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            webhook_id INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
            registry_id INTEGER NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
            event_id INTEGER NULL,
            action TEXT NOT NULL,
            content_type TEXT NOT NULL,
            body BLOB NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
            attempts INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            next_attempt_at INTEGER NULL,
            last_attempt_at INTEGER NULL,
            status_code INTEGER NULL,
            latency_ms INTEGER NULL,
            response TEXT NULL,
            error TEXT NULL,
            UNIQUE (webhook_id, event_id)
        );
        CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
        CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (last_attempt_at) WHERE status <> 'pending';
        """;
}
