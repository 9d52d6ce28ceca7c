using Berth.Core.Identity;
using Berth.Core.Identity.Stores;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Identity;

/// <summary><see cref="IObjectAttributeStore"/> on <c>object_attributes</c>: one row per locked object, flags = disabled operations.</summary>
public sealed class SqliteObjectAttributeStore(SqliteDatabase database) : IObjectAttributeStore
{
    private const long WriteDisabled = 1;
    private const long DeleteDisabled = 2;
    private const long ReadDisabled = 4;
    private const long ListDisabled = 8;

    public Task<IReadOnlyList<ObjectAttributeRecord>> ListAsync(long registryId, string repository, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var rows = c.Query<AttributeRow>(
            "SELECT tag AS Tag, digest AS Digest, flags AS Flags FROM object_attributes WHERE registry_id = @registryId AND repository = @repository;",
            new { registryId, repository });
        return Task.FromResult<IReadOnlyList<ObjectAttributeRecord>>(rows
            .Select(r => new ObjectAttributeRecord(registryId, repository, NullIfEmpty(r.Tag), NullIfEmpty(r.Digest), ToLocks(r.Flags)))
            .ToList());
    }

    public Task PutAsync(ObjectAttributeRecord attributes, AuditEntry audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ct.ThrowIfCancellationRequested();
        var args = new
        {
            registryId = attributes.RegistryId,
            repository = attributes.Repository,
            tag = attributes.Tag ?? string.Empty,
            digest = attributes.Digest ?? string.Empty,
            flags = ToFlags(attributes.Locks),
            now = UnixTime.ToMs(audit.At),
        };
        database.Write((c, t) =>
        {
            if (args.flags == 0)
            {
                c.Execute(
                    "DELETE FROM object_attributes WHERE registry_id = @registryId AND repository = @repository AND tag = @tag AND digest = @digest;", args, t);
            }
            else
            {
                c.Execute(
                    """
                    INSERT INTO object_attributes (registry_id, repository, tag, digest, flags, updated_at)
                    VALUES (@registryId, @repository, @tag, @digest, @flags, @now)
                    ON CONFLICT (registry_id, repository, tag, digest) DO UPDATE SET flags = excluded.flags, updated_at = excluded.updated_at;
                    """,
                    args,
                    t);
            }

            IdentityChange.Record(c, t, audit);
            return 0;
        });
        return Task.CompletedTask;
    }

    private static long ToFlags(ObjectLocks locks) =>
        (locks.WriteEnabled ? 0 : WriteDisabled) | (locks.DeleteEnabled ? 0 : DeleteDisabled) | (locks.ReadEnabled ? 0 : ReadDisabled) | (locks.ListEnabled ? 0 : ListDisabled);

    private static ObjectLocks ToLocks(long flags) =>
        new((flags & WriteDisabled) == 0, (flags & DeleteDisabled) == 0, (flags & ReadDisabled) == 0, (flags & ListDisabled) == 0);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private sealed class AttributeRow
    {
        public string Tag { get; set; } = "";

        public string Digest { get; set; } = "";

        public long Flags { get; set; }
    }
}
