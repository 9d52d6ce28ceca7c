using System.Collections.Concurrent;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Oci;

namespace Berth.Core.Registry;

/// <summary>
/// Validates repository names and looks repositories up or creates them on first push. Repository rows are
/// never renamed and their ids never reused, so found rows are cached for the process lifetime (bounded);
/// whoever deletes a repository calls <see cref="Forget"/>.
/// </summary>
public sealed class RepositoryResolver(IRepositoryStore repositories)
{
    private const int MaxCached = 100_000;
    private readonly ConcurrentDictionary<(long, string), RepositoryRecord> _cache = new();

    public static void Validate(string name)
    {
        if (!Names.IsValidRepository(name))
        {
            throw new OciException(ErrorCodes.NameInvalid, $"invalid repository name '{Truncate(name)}'");
        }
    }

    /// <summary>The repository or null; throws NAME_INVALID for a bad name.</summary>
    public async ValueTask<RepositoryRecord?> FindAsync(long registryId, string name, CancellationToken ct)
    {
        if (_cache.TryGetValue((registryId, name), out var cached))
        {
            return cached;
        }

        Validate(name);
        var found = await repositories.FindAsync(registryId, name, ct);
        return found is null ? null : Remember(found);
    }

    public async ValueTask<RepositoryRecord> EnsureAsync(long registryId, string name, CancellationToken ct)
    {
        if (_cache.TryGetValue((registryId, name), out var cached))
        {
            return cached;
        }

        Validate(name);
        return Remember(await repositories.EnsureAsync(registryId, name, ct));
    }

    /// <summary>Drops a cached repository (after deleting it).</summary>
    public void Forget(long registryId, string name) => _cache.TryRemove((registryId, name), out _);

    private RepositoryRecord Remember(RepositoryRecord repository)
    {
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[(repository.RegistryId, repository.Name)] = repository;
        return repository;
    }

    /// <summary>A page of the registry's repository names in lexical order.</summary>
    public Task<IReadOnlyList<string>> ListAsync(long registryId, string? last, int limit, CancellationToken ct) =>
        limit == 0 ? Task.FromResult<IReadOnlyList<string>>([]) : repositories.ListAsync(registryId, last, limit, ct);

    private static string Truncate(string s) => s.Length > 300 ? s[..300] + "…" : s;
}
