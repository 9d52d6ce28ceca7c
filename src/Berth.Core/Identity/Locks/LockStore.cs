using System.Text;
using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Caching;
using Berth.Core.Identity.Directories;
using Berth.Core.Identity.Stores;
using Berth.Core.Oci;
using Microsoft.Extensions.Options;

namespace Berth.Core.Identity.Locks;

/// <summary>
/// <see cref="ILockStore"/> over the attribute store. A repository's rows (its own, its tags', its manifests')
/// are read together and cached per identity version, so the per-request check is a dictionary lookup.
/// Changes are audited (<c>attributes.update</c>) with the ambient actor of <see cref="AuditContext"/>.
/// Attributes of a tag or manifest outlive its deletion and apply again if the same tag or digest returns.
/// </summary>
public sealed class LockStore(
    IObjectAttributeStore store,
    IRegistryAccessStore registries,
    IdentityVersion version,
    AuditEntries audit,
    IOptions<IdentityOptions> options,
    TimeProvider time) : ILockStore
{
    private readonly VersionedCache<(long, string), IReadOnlyList<ObjectAttributeRecord>> cache = new(options.Value.CacheMaxEntries, time);
    private readonly TimeSpan duration = options.Value.CredentialCacheDuration;

    public async Task<ObjectLocks> GetEffectiveAsync(long registryId, string repository, string? tag, Digest? manifest, CancellationToken ct)
    {
        var rows = await RowsAsync(registryId, repository, ct);
        var effective = ObjectLocks.Unlocked;
        var digest = manifest?.ToString();
        foreach (var row in rows)
        {
            if ((row.Tag is null && row.Digest is null)
                || (tag is not null && row.Tag == tag)
                || (digest is not null && row.Digest == digest))
            {
                effective = effective.And(row.Locks);
            }
        }

        return effective;
    }

    /// <summary>One object's own attributes, not combined with its repository's (for partial updates).</summary>
    public async Task<ObjectLocks> GetOwnAsync(long registryId, string repository, string? tag, Digest? manifest, CancellationToken ct)
    {
        Require(repository, tag, manifest);
        var digest = manifest?.ToString();
        var rows = await RowsAsync(registryId, repository, ct);
        return rows.FirstOrDefault(r => r.Tag == tag && r.Digest == digest)?.Locks ?? ObjectLocks.Unlocked;
    }

    /// <summary>Invalid when both <paramref name="tag"/> and <paramref name="manifest"/> are given; NotFound for an unknown registry.</summary>
    public async Task<ObjectLocks> SetAsync(long registryId, string repository, string? tag, Digest? manifest, ObjectLocks locks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(locks);
        Require(repository, tag, manifest);
        var registry = await registries.RequireAsync(registryId, ct);
        var target = new StringBuilder($"registries/{registry.Name}/repositories/{repository}");
        if (tag is not null)
        {
            target.Append(':').Append(tag);
        }

        if (manifest is { } m)
        {
            target.Append('@').Append(m.ToString());
        }

        var detail = $"writeEnabled={locks.WriteEnabled} deleteEnabled={locks.DeleteEnabled} readEnabled={locks.ReadEnabled} listEnabled={locks.ListEnabled}";
        await store.PutAsync(new ObjectAttributeRecord(registryId, repository, tag, manifest?.ToString(), locks), audit.Change("attributes.update", target.ToString(), detail), ct);
        version.Invalidate();
        return locks;
    }

    private async Task<IReadOnlyList<ObjectAttributeRecord>> RowsAsync(long registryId, string repository, CancellationToken ct)
    {
        var current = await version.CurrentAsync(ct);
        var key = (registryId, repository);
        if (cache.TryGet(key, current, out var rows))
        {
            return rows;
        }

        rows = await store.ListAsync(registryId, repository, ct);
        cache.Set(key, rows, current, time.GetUtcNow() + duration);
        return rows;
    }

    private static void Require(string repository, string? tag, Digest? manifest)
    {
        if (string.IsNullOrEmpty(repository) || !Names.IsValidRepository(repository))
        {
            throw new IdentityException(IdentityErrorKind.Invalid, $"'{repository}' is not a valid repository name");
        }

        if (tag is not null && manifest is not null)
        {
            throw new IdentityException(IdentityErrorKind.Invalid, "attributes belong to a tag or a manifest, not both");
        }

        if (tag is not null && !Names.IsValidTag(tag))
        {
            throw new IdentityException(IdentityErrorKind.Invalid, $"'{tag}' is not a valid tag");
        }
    }
}
