namespace Berth.Metadata.Sqlite.Database;

/// <summary>
/// Schema step 4: registries become resources. The SKU, tags (a JSON object) and the network rule set (default
/// action, allowed CIDR ranges as a JSON array, public access) live on the registry row; the admin-user flag stays
/// on the admin principal and anonymous pull in <c>anonymous_pull</c> (one place each). <c>storage_bytes</c> is the
/// registry's unique blob bytes, kept by triggers in the same transaction as every blob row insert or delete, so
/// it cannot drift and reading it costs one primary-key lookup. Names are unique ignoring case.
/// <c>identity_state.last_registry_id</c> is the highest registry id ever given out, so a deleted registry's id is
/// never reused (tokens and caches keyed by it cannot meet a newcomer).
/// </summary>
internal static class RegistryResourceMigration
{
    // Registries that exist already (the seeded 'default') become Premium so an upgrade imposes no new limits.
    public const string V4 = """
        ALTER TABLE registries ADD COLUMN sku TEXT NOT NULL DEFAULT 'Premium' CHECK (sku IN ('Basic', 'Standard', 'Premium'));
        ALTER TABLE registries ADD COLUMN tags TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE registries ADD COLUMN network_default_action TEXT NOT NULL DEFAULT 'Allow' CHECK (network_default_action IN ('Allow', 'Deny'));
        ALTER TABLE registries ADD COLUMN network_ranges TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE registries ADD COLUMN public_network_access INTEGER NOT NULL DEFAULT 1 CHECK (public_network_access IN (0, 1));
        ALTER TABLE registries ADD COLUMN storage_bytes INTEGER NOT NULL DEFAULT 0;
        CREATE UNIQUE INDEX registries_by_name ON registries (name COLLATE NOCASE);
        ALTER TABLE identity_state ADD COLUMN last_registry_id INTEGER NOT NULL DEFAULT 0;
        UPDATE identity_state SET last_registry_id = (SELECT coalesce(max(id), 0) FROM registries);

        UPDATE registries SET storage_bytes = (SELECT coalesce(sum(size), 0) FROM blobs WHERE blobs.registry_id = registries.id);
        CREATE TRIGGER blobs_storage_insert AFTER INSERT ON blobs BEGIN
            UPDATE registries SET storage_bytes = storage_bytes + new.size WHERE id = new.registry_id;
        END;
        CREATE TRIGGER blobs_storage_delete AFTER DELETE ON blobs BEGIN
            UPDATE registries SET storage_bytes = storage_bytes - old.size WHERE id = old.registry_id;
        END;
        """;
}
