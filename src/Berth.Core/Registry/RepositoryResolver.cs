using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Oci;

namespace Berth.Core.Registry;

/// <summary>Validates repository names and looks repositories up or creates them on first push.</summary>
public sealed class RepositoryResolver(IRepositoryStore repositories)
{
    public static void Validate(string name)
    {
        if (!Names.IsValidRepository(name))
        {
            throw new OciException(ErrorCodes.NameInvalid, $"invalid repository name '{Truncate(name)}'");
        }
    }

    /// <summary>The repository or null; throws NAME_INVALID for a bad name.</summary>
    public Task<RepositoryRecord?> FindAsync(long registryId, string name, CancellationToken ct)
    {
        Validate(name);
        return repositories.FindAsync(registryId, name, ct);
    }

    public Task<RepositoryRecord> EnsureAsync(long registryId, string name, CancellationToken ct)
    {
        Validate(name);
        return repositories.EnsureAsync(registryId, name, ct);
    }

    /// <summary>A page of the registry's repository names in lexical order.</summary>
    public Task<IReadOnlyList<string>> ListAsync(long registryId, string? last, int limit, CancellationToken ct) =>
        limit == 0 ? Task.FromResult<IReadOnlyList<string>>([]) : repositories.ListAsync(registryId, last, limit, ct);

    private static string Truncate(string s) => s.Length > 300 ? s[..300] + "…" : s;
}
