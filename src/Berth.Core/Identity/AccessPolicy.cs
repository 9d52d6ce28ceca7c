namespace Berth.Core.Identity;

/// <summary>
/// The one code path that decides every request. Pure and thread-safe: callers gather the principal's
/// grants (role assignments, scope map, admin user, anonymous pull) and the effective object locks, and
/// this decides. Locks bind everyone, Owners included; rights are the union of all covering grants.
/// </summary>
public static class AccessPolicy
{
    /// <summary>How a write reaches the registry; signers may write only signature material.</summary>
    public enum WriteKind
    {
        /// <summary>Not a write, or an ordinary push (tagged manifest, manifest without subject).</summary>
        Ordinary,

        /// <summary>A blob upload or mount: invisible until a manifest references it.</summary>
        Blob,

        /// <summary>A manifest with a subject pushed by digest: a signature or other referrer.</summary>
        Referrer,
    }

    /// <summary>Union of the repository actions that <paramref name="grants"/> give on one repository.</summary>
    public static RepositoryAction Granted(IEnumerable<Grant> grants, long registryId, string repository)
    {
        var actions = RepositoryAction.None;
        foreach (var g in grants)
        {
            if (g.Covers(registryId, repository))
            {
                actions |= g.Actions;
                if (g.Resources.HasFlag(ResourcePermission.Sign))
                {
                    // Signers read what they sign.
                    actions |= RepositoryAction.ContentRead | RepositoryAction.MetadataRead;
                }
            }
        }

        return actions;
    }

    /// <summary>Decides a data-plane request needing <paramref name="needed"/> on a repository.</summary>
    public static AccessDecision Decide(
        Principal principal,
        IReadOnlyList<Grant> grants,
        long registryId,
        string repository,
        RepositoryAction needed,
        ObjectLocks locks,
        WriteKind write = WriteKind.Ordinary)
    {
        if (needed == RepositoryAction.None)
        {
            return AccessDecision.Allow;
        }

        var locked = LockDenial(needed, locks, repository);
        if (locked is not null)
        {
            return locked;
        }

        var granted = Granted(grants, registryId, repository);
        if (write != WriteKind.Ordinary && CanSign(grants, registryId, repository))
        {
            // Signature material (blobs, referrers) may be written by signers; their reads come from Granted.
            granted |= RepositoryAction.ContentWrite;
        }

        if ((granted & needed) == needed)
        {
            return AccessDecision.Allow;
        }

        var missing = needed & ~granted;
        return AccessDecision.Deny(principal.IsAnonymous
            ? $"authentication required to {Describe(missing)} repository {repository}"
            : $"{principal.Kind} '{principal.Name}' may not {Describe(missing)} repository {repository}");
    }

    /// <summary>Decides a management operation needing <paramref name="needed"/> at a registry (or, when null, server) scope.</summary>
    public static AccessDecision DecideResource(Principal principal, IReadOnlyList<Grant> grants, long? registryId, ResourcePermission needed)
    {
        foreach (var g in grants)
        {
            if (g.CoversRegistry(registryId) && (g.Resources & needed) == needed)
            {
                return AccessDecision.Allow;
            }
        }

        var where = registryId is null ? "the server" : "this registry";
        return AccessDecision.Deny(principal.IsAnonymous
            ? "authentication required"
            : $"{principal.Kind} '{principal.Name}' lacks the {needed} permission on {where}");
    }

    /// <summary>Whether a repository appears in listings (catalog) for this caller.</summary>
    public static bool CanList(IReadOnlyList<Grant> grants, long registryId, string repository, ObjectLocks locks) =>
        locks.ListEnabled && Granted(grants, registryId, repository).HasFlag(RepositoryAction.MetadataRead);

    private static bool CanSign(IReadOnlyList<Grant> grants, long registryId, string repository) =>
        grants.Any(g => g.Resources.HasFlag(ResourcePermission.Sign) && g.Covers(registryId, repository));

    private static AccessDecision? LockDenial(RepositoryAction needed, ObjectLocks locks, string repository)
    {
        if (needed.HasFlag(RepositoryAction.ContentRead) && !locks.ReadEnabled)
        {
            return AccessDecision.Deny($"reads of this object in {repository} are disabled by a lock (read-enabled=false)");
        }

        if (needed.HasFlag(RepositoryAction.ContentWrite) && !locks.WriteEnabled)
        {
            return AccessDecision.Deny($"writes to this object in {repository} are disabled by a lock (write-enabled=false)");
        }

        if (needed.HasFlag(RepositoryAction.ContentDelete) && !locks.DeleteEnabled)
        {
            return AccessDecision.Deny($"deletes of this object in {repository} are disabled by a lock (delete-enabled=false)");
        }

        return null;
    }

    private static string Describe(RepositoryAction missing)
    {
        var words = new List<string>();
        if (missing.HasFlag(RepositoryAction.ContentRead))
        {
            words.Add("pull from");
        }

        if (missing.HasFlag(RepositoryAction.ContentWrite))
        {
            words.Add("push to");
        }

        if (missing.HasFlag(RepositoryAction.ContentDelete))
        {
            words.Add("delete from");
        }

        if (missing.HasFlag(RepositoryAction.MetadataRead))
        {
            words.Add("list");
        }

        if (missing.HasFlag(RepositoryAction.MetadataWrite))
        {
            words.Add("change metadata of");
        }

        return string.Join(" or ", words);
    }
}
