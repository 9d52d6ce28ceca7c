namespace Berth.Core.Metadata;

/// <summary>Repositories of a registry. Thread-safe; names are validated by the caller.</summary>
public interface IRepositoryStore
{
    /// <summary>The repository, or null when it does not exist.</summary>
    Task<RepositoryRecord?> FindAsync(long registryId, string name, CancellationToken ct);

    /// <summary>The repository, created when missing (concurrent callers get the same row).</summary>
    Task<RepositoryRecord> EnsureAsync(long registryId, string name, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> repository names after <paramref name="last"/>, in lexical order.</summary>
    Task<IReadOnlyList<string>> ListAsync(long registryId, string? last, int limit, CancellationToken ct);
}
