namespace Berth.Metadata.Sqlite.Database;

/// <summary>Schema version 2: identities, secrets, role assignments, scope maps, tokens, object locks and the audit log.</summary>
internal static class IdentitySchema
{
    // Principal names compare case-insensitively; kinds are text so the shell reads well. The admin user of each
    // registry is a principal row ('adm_' || id) created with the registry and disabled. System scope maps live in
    // code, so tokens name their scope map instead of referencing a row. identity_state.version is bumped by every
    // identity write in its own transaction; every process's caches are tied to it.
    public const string V2 = """
        ALTER TABLE registries ADD COLUMN anonymous_pull INTEGER NOT NULL DEFAULT 0;

        CREATE TABLE identity_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        INSERT INTO identity_state (id, version) VALUES (1, 1);

        CREATE TABLE principals (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('user', 'service-principal', 'managed-identity', 'token', 'admin')),
            name TEXT NOT NULL,
            registry_id INTEGER NULL REFERENCES registries (id) ON DELETE CASCADE,
            app_id TEXT NULL UNIQUE,
            enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
            created_at INTEGER NOT NULL,
            CHECK ((kind IN ('token', 'admin')) = (registry_id IS NOT NULL)),
            CHECK ((kind = 'service-principal') = (app_id IS NOT NULL))
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX principals_by_name ON principals (kind, coalesce(registry_id, 0), name COLLATE NOCASE);

        INSERT INTO principals (id, kind, name, registry_id, app_id, enabled, created_at)
            SELECT 'adm_' || id, 'admin', name, id, NULL, 0, created_at FROM registries;
        CREATE TRIGGER registries_admin_user AFTER INSERT ON registries BEGIN
            INSERT INTO principals (id, kind, name, registry_id, app_id, enabled, created_at)
                VALUES ('adm_' || new.id, 'admin', new.name, new.id, NULL, 0, new.created_at);
        END;

        CREATE TABLE tokens (
            principal_id TEXT PRIMARY KEY REFERENCES principals (id) ON DELETE CASCADE,
            registry_id INTEGER NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
            scope_map TEXT NOT NULL COLLATE NOCASE
        ) WITHOUT ROWID;
        CREATE INDEX tokens_by_scope_map ON tokens (registry_id, scope_map);

        -- id is the slot ('password', 'password1', 'password2') or a GUID for service principal secrets.
        -- hash is 'pbkdf2-sha256$<iterations>$<salt>$<hash>'; the secret itself is never stored.
        CREATE TABLE secrets (
            principal_id TEXT NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            hash TEXT NOT NULL,
            description TEXT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NULL,
            PRIMARY KEY (principal_id, id)
        ) WITHOUT ROWID;

        CREATE TABLE role_assignments (
            id TEXT PRIMARY KEY,
            principal_id TEXT NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            registry_id INTEGER NULL REFERENCES registries (id) ON DELETE CASCADE,
            repository_pattern TEXT NULL,
            created_at INTEGER NOT NULL,
            CHECK (repository_pattern IS NULL OR registry_id IS NOT NULL)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX role_assignments_unique
            ON role_assignments (principal_id, role, coalesce(registry_id, 0), coalesce(repository_pattern, ''));

        CREATE TABLE scope_maps (
            registry_id INTEGER NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
            name TEXT NOT NULL COLLATE NOCASE,
            description TEXT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (registry_id, name)
        ) WITHOUT ROWID;

        CREATE TABLE scope_map_actions (
            registry_id INTEGER NOT NULL,
            scope_map TEXT NOT NULL COLLATE NOCASE,
            action TEXT NOT NULL,
            PRIMARY KEY (registry_id, scope_map, action),
            FOREIGN KEY (registry_id, scope_map) REFERENCES scope_maps (registry_id, name) ON DELETE CASCADE
        ) WITHOUT ROWID;

        -- flags: bit set = operation disabled (1 write, 2 delete, 4 read, 8 list); a row with no bit is deleted.
        -- '' stands for "no tag" / "no digest"; the repository's own row has both empty.
        CREATE TABLE object_attributes (
            registry_id INTEGER NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
            repository TEXT NOT NULL,
            tag TEXT NOT NULL DEFAULT '',
            digest TEXT NOT NULL DEFAULT '',
            flags INTEGER NOT NULL CHECK (flags BETWEEN 1 AND 15),
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (registry_id, repository, tag, digest),
            CHECK (tag = '' OR digest = '')
        ) WITHOUT ROWID;

        -- Append-only; hash = SHA-256(prev_hash || entry) as defined by Berth.Core.Identity.Audit.AuditChain.
        CREATE TABLE audit_log (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            action TEXT NOT NULL,
            actor TEXT NOT NULL,
            target TEXT NULL,
            source_address TEXT NULL,
            request_id TEXT NULL,
            success INTEGER NOT NULL CHECK (success IN (0, 1)),
            detail TEXT NULL,
            prev_hash BLOB NOT NULL,
            hash BLOB NOT NULL
        );
        CREATE INDEX audit_log_by_time ON audit_log (at);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
            SELECT RAISE(ABORT, 'the audit log is append-only');
        END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
            SELECT RAISE(ABORT, 'the audit log is append-only');
        END;
        """;
}
