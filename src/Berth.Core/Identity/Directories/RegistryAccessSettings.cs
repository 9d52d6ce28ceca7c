using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Caching;
using Berth.Core.Identity.Stores;
using Microsoft.Extensions.Options;

namespace Berth.Core.Identity.Directories;

/// <summary>
/// <see cref="IRegistryAccessSettings"/>: the anonymous-pull flag per registry, cached per identity version
/// (it is read on every anonymous request). Unknown registries read as off; setting one is NotFound.
/// </summary>
public sealed class RegistryAccessSettings(
    IRegistryAccessStore registries,
    IdentityVersion version,
    AuditEntries audit,
    IOptions<IdentityOptions> options,
    TimeProvider time) : IRegistryAccessSettings
{
    private readonly VersionedCache<long, bool> cache = new(1024, time);
    private readonly TimeSpan duration = options.Value.CredentialCacheDuration;

    public async Task<bool> IsAnonymousPullEnabledAsync(long registryId, CancellationToken ct)
    {
        var current = await version.CurrentAsync(ct);
        if (cache.TryGet(registryId, current, out var enabled))
        {
            return enabled;
        }

        enabled = (await registries.GetAsync(registryId, ct))?.AnonymousPull ?? false;
        cache.Set(registryId, enabled, current, time.GetUtcNow() + duration);
        return enabled;
    }

    public async Task SetAnonymousPullAsync(long registryId, bool enabled, Principal actor, CancellationToken ct)
    {
        var registry = await registries.RequireAsync(registryId, ct);
        var action = enabled ? "registry.anonymous-pull.enable" : "registry.anonymous-pull.disable";
        if (!await registries.SetAnonymousPullAsync(registryId, enabled, audit.Change(action, actor, $"registries/{registry.Name}"), ct))
        {
            throw new IdentityException(IdentityErrorKind.NotFound, $"registry {registryId} was not found");
        }

        version.Invalidate();
    }
}
