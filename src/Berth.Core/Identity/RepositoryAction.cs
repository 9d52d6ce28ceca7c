namespace Berth.Core.Identity;

/// <summary>
/// What a data-plane request does to a repository, in ACR scope-map terms. Each OCI request needs exactly one:
/// GET/HEAD blob or manifest → <see cref="ContentRead"/>; upload, mount target, PUT manifest → <see cref="ContentWrite"/>;
/// DELETE blob, manifest or tag → <see cref="ContentDelete"/>; tags list, referrers, catalog → <see cref="MetadataRead"/>;
/// changing locks/attributes → <see cref="MetadataWrite"/>.
/// </summary>
[Flags]
public enum RepositoryAction
{
    None = 0,
    ContentRead = 1,
    ContentWrite = 2,
    ContentDelete = 4,
    MetadataRead = 8,
    MetadataWrite = 16,
    All = ContentRead | ContentWrite | ContentDelete | MetadataRead | MetadataWrite,
}

/// <summary>Wire names of <see cref="RepositoryAction"/> in scope maps and of Docker token actions.</summary>
public static class RepositoryActions
{
    public static IReadOnlyDictionary<string, RepositoryAction> ScopeMapNames { get; } = new Dictionary<string, RepositoryAction>(StringComparer.Ordinal)
    {
        ["content/read"] = RepositoryAction.ContentRead,
        ["content/write"] = RepositoryAction.ContentWrite,
        ["content/delete"] = RepositoryAction.ContentDelete,
        ["metadata/read"] = RepositoryAction.MetadataRead,
        ["metadata/write"] = RepositoryAction.MetadataWrite,
    };

    /// <summary>Docker token-auth actions (<c>repository:name:pull,push,delete,*</c>) mapped to repository actions.</summary>
    public static RepositoryAction FromDockerAction(string action) => action switch
    {
        "pull" => RepositoryAction.ContentRead | RepositoryAction.MetadataRead,
        "push" => RepositoryAction.ContentWrite | RepositoryAction.MetadataWrite,
        "delete" => RepositoryAction.ContentDelete,
        "*" => RepositoryAction.All,
        _ => RepositoryAction.None,
    };

    /// <summary>The Docker actions fully covered by <paramref name="granted"/> (pull needs content/read; push needs content/write).</summary>
    public static IEnumerable<string> ToDockerActions(RepositoryAction granted)
    {
        if (granted.HasFlag(RepositoryAction.ContentRead))
        {
            yield return "pull";
        }

        if (granted.HasFlag(RepositoryAction.ContentWrite))
        {
            yield return "push";
        }

        if (granted.HasFlag(RepositoryAction.ContentDelete))
        {
            yield return "delete";
        }
    }
}
