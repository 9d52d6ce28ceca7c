namespace Berth.Core.Events;

/// <summary>
/// Well-known event actions. The set is open: an action is any lower-case word, so features add their own
/// (consumers ignore actions they do not know). The first five are ACR's webhook actions.
/// </summary>
public static class EventActions
{
    /// <summary>A manifest was pushed (by tag or by digest).</summary>
    public const string Push = "push";

    /// <summary>A manifest was deleted by digest (its tags went with it).</summary>
    public const string Delete = "delete";

    public const string Quarantine = "quarantine";
    public const string ChartPush = "chart_push";
    public const string ChartDelete = "chart_delete";

    /// <summary>A tag was removed; the manifest stays.</summary>
    public const string Untag = "untag";

    /// <summary>A blob was unlinked from a repository (<c>DELETE /v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>).</summary>
    public const string BlobDelete = "blob_delete";

    /// <summary>A whole repository was deleted or purged.</summary>
    public const string RepositoryDelete = "repository_delete";

    public const string ScanCompleted = "scan_completed";
    public const string VulnerabilityFound = "vulnerability_found";
    public const string Import = "import";
}
