using Berth.Core.Identity;
using Berth.Core.Identity.Stores;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Identity;

/// <summary><see cref="IRoleAssignmentStore"/> on the <c>role_assignments</c> table.</summary>
public sealed class SqliteRoleAssignmentStore(SqliteDatabase database) : IRoleAssignmentStore
{
    private const string Select = """
        SELECT id AS Id, principal_id AS PrincipalId, role AS Role, registry_id AS RegistryId,
               repository_pattern AS RepositoryPattern, created_at AS CreatedAt
        FROM role_assignments
        """;

    public Task<StoreOutcome> InsertAsync(RoleAssignmentRecord assignment, AuditEntry audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ct.ThrowIfCancellationRequested();
        var args = new
        {
            id = assignment.Id,
            principalId = assignment.PrincipalId,
            role = assignment.Role,
            registryId = assignment.RegistryId,
            pattern = assignment.RepositoryPattern,
            createdAt = UnixTime.ToMs(assignment.CreatedAt),
        };
        return Task.FromResult(database.Write((c, t) =>
        {
            var missing = c.ExecuteScalar<long>(
                """
                SELECT (SELECT count(*) FROM principals WHERE id = @principalId) = 0
                    OR (@registryId IS NOT NULL AND (SELECT count(*) FROM registries WHERE id = @registryId) = 0);
                """,
                args,
                t);
            if (missing != 0)
            {
                return StoreOutcome.NotFound;
            }

            var duplicate = c.ExecuteScalar<long>(
                """
                SELECT count(*) FROM role_assignments
                WHERE id = @id OR (principal_id = @principalId AND role = @role
                    AND coalesce(registry_id, 0) = coalesce(@registryId, 0) AND coalesce(repository_pattern, '') = coalesce(@pattern, ''));
                """,
                args,
                t);
            if (duplicate > 0)
            {
                return StoreOutcome.NameTaken;
            }

            c.Execute(
                """
                INSERT INTO role_assignments (id, principal_id, role, registry_id, repository_pattern, created_at)
                VALUES (@id, @principalId, @role, @registryId, @pattern, @createdAt);
                """,
                args,
                t);
            IdentityChange.Record(c, t, audit);
            return StoreOutcome.Done;
        }));
    }

    public Task<IReadOnlyList<RoleAssignmentRecord>> ListAsync(string? principalId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var rows = c.Query<AssignmentRow>(
            $"{Select} WHERE @principalId IS NULL OR principal_id = @principalId ORDER BY created_at, id;", new { principalId });
        return Task.FromResult<IReadOnlyList<RoleAssignmentRecord>>(rows.Select(r => r.ToRecord()).ToList());
    }

    public Task<RoleAssignmentRecord?> GetAsync(string id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        return Task.FromResult(c.QuerySingleOrDefault<AssignmentRow>($"{Select} WHERE id = @id;", new { id })?.ToRecord());
    }

    public Task<bool> DeleteAsync(string id, AuditEntry audit, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write((c, t) =>
        {
            if (c.Execute("DELETE FROM role_assignments WHERE id = @id;", new { id }, t) == 0)
            {
                return false;
            }

            IdentityChange.Record(c, t, audit);
            return true;
        }));
    }

    private sealed class AssignmentRow
    {
        public string Id { get; set; } = "";

        public string PrincipalId { get; set; } = "";

        public string Role { get; set; } = "";

        public long? RegistryId { get; set; }

        public string? RepositoryPattern { get; set; }

        public long CreatedAt { get; set; }

        public RoleAssignmentRecord ToRecord() => new(Id, PrincipalId, Role, RegistryId, RepositoryPattern, UnixTime.FromMs(CreatedAt));
    }
}
