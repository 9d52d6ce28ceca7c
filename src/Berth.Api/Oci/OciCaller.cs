using Berth.Api.Auth;
using Berth.Core.Identity;
using Berth.Core.Metadata;

namespace Berth.Api.Oci;

/// <summary>
/// An authorized OCI request's caller, for the handlers' own checks: which repositories it may list (catalog),
/// which it may read (mount sources), and recording the owner of the uploads it starts. One per request.
/// </summary>
public sealed class OciCaller(Caller caller, long registryId, IAuthenticator identities, ILockStore locks, IUploadOwners owners)
{
    private IReadOnlyList<Grant>? _grants;

    public Principal Principal => caller.Principal;

    public ValidatedToken? Token => caller.Token;

    public long RegistryId => registryId;

    /// <summary>A manifest body read while deciding whether a push is a signature (handlers reuse it).</summary>
    public byte[]? ManifestBody { get; set; }

    /// <summary>Effective locks of the addressed object, when the request addressed a repository.</summary>
    public ObjectLocks? Locks { get; set; }

    public async ValueTask<IReadOnlyList<Grant>> GrantsAsync(CancellationToken ct) =>
        _grants ??= await identities.GetGrantsAsync(caller.Principal, registryId, ct);

    /// <summary>Whether the repository appears in this caller's catalog.</summary>
    public async Task<bool> CanListAsync(string repository, CancellationToken ct)
    {
        var grants = await GrantsAsync(ct);
        var repositoryLocks = await locks.GetEffectiveAsync(registryId, repository, null, null, ct);
        return AccessPolicy.CanList(grants, registryId, repository, repositoryLocks);
    }

    /// <summary>Whether a tag appears in tag listings (a tag's list-enabled=false hides it).</summary>
    public async Task<bool> IsTagListedAsync(string repository, string tag, CancellationToken ct) =>
        (await locks.GetEffectiveAsync(registryId, repository, tag, null, ct)).ListEnabled;

    /// <summary>Whether the caller may pull blobs from <paramref name="repository"/> (the source of a mount).</summary>
    public async Task<bool> CanReadAsync(string repository, CancellationToken ct)
    {
        if (Token is { } token && !token.ActionsOn(repository).HasFlag(RepositoryAction.ContentRead))
        {
            return false;
        }

        var grants = await GrantsAsync(ct);
        var repositoryLocks = await locks.GetEffectiveAsync(registryId, repository, null, null, ct);
        return AccessPolicy.Decide(Principal, grants, registryId, repository, RepositoryAction.ContentRead, repositoryLocks).Allowed;
    }

    /// <summary>Makes the caller the owner of an upload session it just started.</summary>
    public Task RecordUploadOwnerAsync(Guid uploadId, CancellationToken ct) => owners.SetOwnerAsync(uploadId, Principal.Id, ct);
}
