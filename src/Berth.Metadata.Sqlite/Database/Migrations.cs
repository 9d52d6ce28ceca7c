namespace Berth.Metadata.Sqlite.Database;

/// <summary>
/// The schema as an append-only list of steps: step N upgrades version N-1 to N. Never edit a released
/// step; add a new one. Every row belongs to a registry, directly or through its repository.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<string> Steps { get; } = [V1, IdentitySchema.V2, UploadOwnerMigration.V3, RegistryResourceMigration.V4, AuditRetentionMigration.Step, EventsMigration.Step, ScanningMigration.Schema];

    // Timestamps are unix milliseconds; digests are "algorithm:hex" text.
    // Large-row tables (manifests) keep their rowid: WITHOUT ROWID suits only small rows.
    private const string V1 = """
        CREATE TABLE registries (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL
        );
        INSERT INTO registries (id, name, created_at) VALUES (1, 'default', @now);

        CREATE TABLE repositories (
            id INTEGER PRIMARY KEY,
            registry_id INTEGER NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (registry_id, name)
        );

        CREATE TABLE blobs (
            registry_id INTEGER NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
            digest TEXT NOT NULL,
            size INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            last_used_at INTEGER NOT NULL,
            key_material BLOB NULL, -- reserved for the per-blob wrapped data key (encryption at rest)
            PRIMARY KEY (registry_id, digest)
        );
        CREATE INDEX blobs_by_digest ON blobs (digest);
        CREATE INDEX blobs_by_last_use ON blobs (last_used_at);

        CREATE TABLE repository_blobs (
            repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
            digest TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (repository_id, digest)
        ) WITHOUT ROWID;
        CREATE INDEX repository_blobs_by_digest ON repository_blobs (digest);

        CREATE TABLE manifests (
            repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
            digest TEXT NOT NULL,
            media_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            content BLOB NOT NULL,
            artifact_type TEXT NULL,
            subject_digest TEXT NULL,
            annotations TEXT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (repository_id, digest)
        );
        CREATE INDEX manifests_by_subject ON manifests (repository_id, subject_digest) WHERE subject_digest IS NOT NULL;

        -- Deleting a manifest removes what it references (cascade); rows pointing at it as a child stay,
        -- because the referencing index is a separate manifest with its own lifetime.
        CREATE TABLE manifest_references (
            repository_id INTEGER NOT NULL,
            manifest_digest TEXT NOT NULL,
            child_digest TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('blob', 'manifest')),
            PRIMARY KEY (repository_id, manifest_digest, kind, child_digest),
            FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE INDEX manifest_references_by_child ON manifest_references (repository_id, kind, child_digest);

        CREATE TABLE tags (
            repository_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            manifest_digest TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (repository_id, name),
            FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE INDEX tags_by_manifest ON tags (repository_id, manifest_digest);

        CREATE TABLE uploads (
            id TEXT PRIMARY KEY,
            registry_id INTEGER NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
            repository_id INTEGER NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
            repository TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX uploads_by_update ON uploads (updated_at);
        """;
}
