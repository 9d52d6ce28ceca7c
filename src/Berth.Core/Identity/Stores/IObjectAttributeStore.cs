namespace Berth.Core.Identity.Stores;

/// <summary>Per-object attributes (locks). Thread-safe.</summary>
public interface IObjectAttributeStore
{
    /// <summary>Every attribute row of one repository (the repository's own, its tags' and its manifests').</summary>
    Task<IReadOnlyList<ObjectAttributeRecord>> ListAsync(long registryId, string repository, CancellationToken ct);

    /// <summary>
    /// Replaces one object's attributes (an all-enabled value removes the row), in one transaction with the
    /// <see cref="AuditEntry"/>, bumping the identity version.
    /// </summary>
    Task PutAsync(ObjectAttributeRecord attributes, AuditEntry audit, CancellationToken ct);
}
