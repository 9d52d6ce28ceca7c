using Berth.Core.Identity.Stores;

namespace Berth.Core.Identity.Directories;

internal static class RegistryLookup
{
    /// <summary>The registry, or NotFound.</summary>
    public static async Task<RegistryAccessRecord> RequireAsync(this IRegistryAccessStore registries, long registryId, CancellationToken ct) =>
        await registries.GetAsync(registryId, ct) ?? throw new IdentityException(IdentityErrorKind.NotFound, $"registry {registryId} was not found");
}
