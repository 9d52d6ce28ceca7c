namespace Berth.Core.Identity.Stores;

/// <summary>
/// A counter that every identity write bumps inside its own transaction, shared by all processes using the
/// same database. Caches tag entries with it, so a change anywhere invalidates them. Thread-safe.
/// </summary>
public interface IIdentityVersionStore
{
    Task<long> GetVersionAsync(CancellationToken ct);
}
