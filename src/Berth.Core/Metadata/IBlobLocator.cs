using Berth.Core.Oci;

namespace Berth.Core.Metadata;

/// <summary>
/// Where a blob is linked: used by cross-repository mounts without <c>from</c>, which may only mount from a
/// repository the caller can read. Thread-safe; read-only.
/// </summary>
public interface IBlobLocator
{
    /// <summary>
    /// Up to <paramref name="limit"/> names of repositories of <paramref name="registryId"/> that link
    /// <paramref name="digest"/>, in lexical order; empty when none does. Never throws for an unknown digest.
    /// </summary>
    Task<IReadOnlyList<string>> ListRepositoriesAsync(long registryId, Digest digest, int limit, CancellationToken ct);
}
