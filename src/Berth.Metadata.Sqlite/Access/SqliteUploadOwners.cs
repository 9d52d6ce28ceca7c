using Berth.Core.Metadata;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Access;

/// <summary>Upload owners in the <c>uploads.principal_id</c> column (schema version 3).</summary>
public sealed class SqliteUploadOwners(SqliteDatabase database) : IUploadOwners
{
    public async Task<bool> SetOwnerAsync(Guid uploadId, string principalId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(principalId);

        // Session state, like the session row itself: relaxed durability (see SqliteDatabase.WriteRelaxedAsync).
        var updated = await database.WriteRelaxedAsync((connection, transaction) => connection.Execute(
            "UPDATE uploads SET principal_id = @principalId WHERE id = @id;",
            new { id = uploadId.ToString("D"), principalId },
            transaction), ct);
        return updated == 1;
    }

    public Task<UploadOwner> GetOwnerAsync(Guid uploadId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = database.Open();
        var row = connection.QuerySingleOrDefault<OwnerRow>(
            "SELECT principal_id AS PrincipalId FROM uploads WHERE id = @id;", new { id = uploadId.ToString("D") });
        return Task.FromResult(row is null ? new UploadOwner(false, null) : new UploadOwner(true, row.PrincipalId));
    }

    private sealed record OwnerRow(string? PrincipalId);
}
