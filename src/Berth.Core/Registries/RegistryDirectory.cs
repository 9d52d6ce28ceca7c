using System.Collections.Frozen;
using Berth.Core.Identity.Caching;
using Microsoft.Extensions.Options;

namespace Berth.Core.Registries;

/// <summary>
/// <see cref="IRegistryDirectory"/> over <see cref="IRegistryStore"/>: one immutable snapshot of every registry,
/// indexed by id, name and login server, rebuilt when the identity version moves (every registry write bumps it,
/// and writes through this process call <see cref="Invalidate"/>). Lookups are dictionary reads; thread-safe.
/// </summary>
public sealed class RegistryDirectory(IRegistryStore store, IdentityVersion version, IOptions<RegistriesOptions> options) : IRegistryDirectory
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Snapshot? _snapshot;

    public async ValueTask<RegistryInfo?> FindByIdAsync(long id, CancellationToken ct) =>
        (await CurrentAsync(ct)).ById.GetValueOrDefault(id);

    public async ValueTask<RegistryInfo?> FindByNameAsync(string name, CancellationToken ct) =>
        name is null ? null : (await CurrentAsync(ct)).ByName.GetValueOrDefault(name);

    public async ValueTask<RegistryInfo?> ResolveHostAsync(string host, CancellationToken ct)
    {
        var snapshot = await CurrentAsync(ct);
        var name = HostName(host);

        // Every /v2 request comes here: look the span up (case-insensitively) instead of allocating a lower-case copy.
        return (name.Length > 0 && snapshot.ByLoginServer.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var found) ? found : null)
            ?? snapshot.Default;
    }

    /// <summary>Drops the snapshot; the next lookup reads the store again.</summary>
    public void Invalidate()
    {
        version.Invalidate();
        _snapshot = null;
    }

    /// <summary>The host without its port (IPv6 brackets kept) and without a trailing dot.</summary>
    public static ReadOnlySpan<char> HostName(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return [];
        }

        var end = host.StartsWith('[') ? host.IndexOf(']', StringComparison.Ordinal) + 1 : host.LastIndexOf(':');
        var name = end > 0 && end < host.Length ? host.AsSpan(0, end) : host.AsSpan();
        return name.TrimEnd('.');
    }

    private async ValueTask<Snapshot> CurrentAsync(CancellationToken ct)
    {
        var current = await version.CurrentAsync(ct);
        var snapshot = _snapshot;
        if (snapshot is not null && snapshot.Version == current)
        {
            return snapshot;
        }

        await _reload.WaitAsync(ct);
        try
        {
            snapshot = _snapshot;
            if (snapshot is not null && snapshot.Version == current)
            {
                return snapshot;
            }

            snapshot = Build(current, await store.ListAsync(ct));
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _reload.Release();
        }
    }

    private Snapshot Build(long current, IReadOnlyList<RegistryRecord> records)
    {
        var o = options.Value;
        var infos = records.Select(r => ToInfo(r, o)).ToList();
        var byName = infos.ToFrozenDictionary(i => i.Name, StringComparer.OrdinalIgnoreCase);
        return new Snapshot(
            current,
            infos.ToFrozenDictionary(i => i.Id),
            byName,
            infos.ToFrozenDictionary(i => i.LoginServer, StringComparer.OrdinalIgnoreCase),
            byName.GetValueOrDefault(o.DefaultRegistry));
    }

    /// <summary>The data plane's view of a stored registry; no network rules when they would allow everything.</summary>
    public static RegistryInfo ToInfo(RegistryRecord r, RegistriesOptions options)
    {
        var rules = r.NetworkRules;
        var open = rules.DefaultAction == NetworkDefaultAction.Allow && rules.PublicNetworkAccess && rules.AllowedRanges.Count == 0;
        return new RegistryInfo(r.Id, r.Name, options.LoginServerOf(r.Name), r.Sku, r.AdminUserEnabled, r.AnonymousPullEnabled, r.Tags, r.CreatedAt, open ? null : rules);
    }

    private sealed record Snapshot(
        long Version,
        FrozenDictionary<long, RegistryInfo> ById,
        FrozenDictionary<string, RegistryInfo> ByName,
        FrozenDictionary<string, RegistryInfo> ByLoginServer,
        RegistryInfo? Default);
}
