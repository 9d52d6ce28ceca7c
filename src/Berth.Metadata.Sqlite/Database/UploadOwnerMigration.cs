namespace Berth.Metadata.Sqlite.Database;

/// <summary>Schema step 3: upload sessions remember the principal that started them (null for older sessions).</summary>
internal static class UploadOwnerMigration
{
    public const string V3 = """
        ALTER TABLE uploads ADD COLUMN principal_id TEXT NULL;
        """;
}
