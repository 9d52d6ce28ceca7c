using Berth.Core.Identity;
using Berth.Core.Identity.Stores;
using Berth.Metadata.Sqlite.Database;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Berth.Metadata.Sqlite.Identity;

/// <summary><see cref="ISecretStore"/> on the <c>secrets</c> table (hashes only).</summary>
public sealed class SqliteSecretStore(SqliteDatabase database) : ISecretStore
{
    public Task<IReadOnlyList<SecretRecord>> ListAsync(string principalId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var rows = c.Query<SecretRow>(
            """
            SELECT principal_id AS PrincipalId, id AS Id, hash AS Hash, description AS Description, created_at AS CreatedAt, expires_at AS ExpiresAt
            FROM secrets WHERE principal_id = @principalId ORDER BY created_at, id;
            """,
            new { principalId });
        return Task.FromResult<IReadOnlyList<SecretRecord>>(rows.Select(r => r.ToRecord()).ToList());
    }

    public Task<bool> PutAsync(SecretRecord secret, bool replaceOthers, AuditEntry audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write((c, t) =>
        {
            if (c.ExecuteScalar<long>("SELECT count(*) FROM principals WHERE id = @PrincipalId;", new { secret.PrincipalId }, t) == 0)
            {
                return false;
            }

            Upsert(c, t, secret);
            if (replaceOthers)
            {
                c.Execute("DELETE FROM secrets WHERE principal_id = @PrincipalId AND id <> @Id;", new { secret.PrincipalId, secret.Id }, t);
            }

            IdentityChange.Record(c, t, audit);
            return true;
        }));
    }

    public Task<bool> DeleteAsync(string principalId, string secretId, AuditEntry audit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write((c, t) =>
        {
            if (c.Execute("DELETE FROM secrets WHERE principal_id = @principalId AND id = @secretId;", new { principalId, secretId }, t) == 0)
            {
                return false;
            }

            IdentityChange.Record(c, t, audit);
            return true;
        }));
    }

    internal static void Upsert(SqliteConnection c, SqliteTransaction t, SecretRecord secret) => c.Execute(
        """
        INSERT INTO secrets (principal_id, id, hash, description, created_at, expires_at)
        VALUES (@PrincipalId, @Id, @Hash, @Description, @createdAt, @expiresAt)
        ON CONFLICT (principal_id, id) DO UPDATE SET
            hash = excluded.hash, description = excluded.description, created_at = excluded.created_at, expires_at = excluded.expires_at;
        """,
        new
        {
            secret.PrincipalId,
            secret.Id,
            secret.Hash,
            secret.Description,
            createdAt = UnixTime.ToMs(secret.CreatedAt),
            expiresAt = secret.ExpiresAt is { } e ? UnixTime.ToMs(e) : (long?)null,
        },
        t);

    private sealed class SecretRow
    {
        public string PrincipalId { get; set; } = "";

        public string Id { get; set; } = "";

        public string Hash { get; set; } = "";

        public string? Description { get; set; }

        public long CreatedAt { get; set; }

        public long? ExpiresAt { get; set; }

        public SecretRecord ToRecord() =>
            new(PrincipalId, Id, Hash, Description, UnixTime.FromMs(CreatedAt), ExpiresAt is { } e ? UnixTime.FromMs(e) : null);
    }
}
