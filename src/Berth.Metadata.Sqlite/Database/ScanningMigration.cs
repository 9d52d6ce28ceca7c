namespace Berth.Metadata.Sqlite.Database;

/// <summary>
/// Schema step: vulnerability scanning. Scan records, the package index and pull times hang off their manifest
/// (deleting the manifest deletes them); policies and allowlist entries belong to a registry.
/// </summary>
internal static class ScanningMigration
{
    public const string Schema = """
        -- One row per scanned manifest: the latest state and the last completed report. A rescan sets status to
        -- queued/running but keeps the previous report, so an image that passed stays pullable meanwhile.
        CREATE TABLE scans (
            repository_id INTEGER NOT NULL,
            manifest_digest TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
            queued_at INTEGER NOT NULL,
            started_at INTEGER NULL,
            completed_at INTEGER NULL,
            first_completed_at INTEGER NULL, -- quarantine ends here
            error TEXT NULL,
            advisory_version INTEGER NULL,
            sboms TEXT NULL,                 -- JSON array of {platform, digest, manifest}
            critical INTEGER NOT NULL DEFAULT 0,
            high INTEGER NOT NULL DEFAULT 0,
            medium INTEGER NOT NULL DEFAULT 0,
            low INTEGER NOT NULL DEFAULT 0,
            unknown INTEGER NOT NULL DEFAULT 0,
            report TEXT NULL,                -- findings JSON of the last completed scan
            pushed_by TEXT NULL,             -- principal id of the pusher (may pull while quarantined)
            PRIMARY KEY (repository_id, manifest_digest),
            FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
        );
        CREATE INDEX scans_by_status ON scans (status) WHERE status IN ('queued', 'running');

        -- (ecosystem, package name key) -> manifests whose SBOM holds it: advisory changes re-match only these.
        CREATE TABLE scan_packages (
            repository_id INTEGER NOT NULL,
            manifest_digest TEXT NOT NULL,
            ecosystem TEXT NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (repository_id, manifest_digest, ecosystem, name),
            FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE INDEX scan_packages_by_name ON scan_packages (ecosystem, name);

        -- Written at most once a minute per manifest, off the request path.
        CREATE TABLE manifest_pulls (
            repository_id INTEGER NOT NULL,
            manifest_digest TEXT NOT NULL,
            last_pulled_at INTEGER NOT NULL,
            PRIMARY KEY (repository_id, manifest_digest),
            FOREIGN KEY (repository_id, manifest_digest) REFERENCES manifests (repository_id, digest) ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE INDEX manifest_pulls_by_time ON manifest_pulls (last_pulled_at);
        CREATE INDEX manifests_by_created ON manifests (created_at);

        -- repository '' is the registry's own policy; other rows override it for one repository.
        CREATE TABLE scan_policies (
            registry_id INTEGER NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
            repository TEXT NOT NULL,
            quarantine INTEGER NOT NULL,
            quarantine_since INTEGER NULL,
            gate_severity TEXT NULL, -- NULL: no gate
            gate_only_fixable INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (registry_id, repository)
        ) WITHOUT ROWID;

        -- repository '' applies to every repository of the registry.
        CREATE TABLE scan_allowlist (
            id INTEGER PRIMARY KEY,
            registry_id INTEGER NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
            repository TEXT NOT NULL,
            vulnerability_id TEXT NOT NULL,
            expires_at INTEGER NULL,
            reason TEXT NULL,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            UNIQUE (registry_id, repository, vulnerability_id)
        );

        -- Small named counters of the scanner (the advisory import run it last re-evaluated).
        CREATE TABLE scan_cursors (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;
}
