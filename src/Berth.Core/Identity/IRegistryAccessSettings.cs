namespace Berth.Core.Identity;

/// <summary>Per-registry access switches. Anonymous pull is off by default. Audited; thread-safe; cached.</summary>
public interface IRegistryAccessSettings
{
    Task<bool> IsAnonymousPullEnabledAsync(long registryId, CancellationToken ct);

    Task SetAnonymousPullAsync(long registryId, bool enabled, Principal actor, CancellationToken ct);
}
