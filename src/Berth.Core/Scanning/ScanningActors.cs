namespace Berth.Core.Scanning;

/// <summary>Actors of events the scanner causes itself.</summary>
public static class ScanningActors
{
    /// <summary>
    /// The actor of the scanner's events (<c>scan_completed</c>, <c>vulnerability_found</c>) and of the <c>push</c>
    /// event of an SBOM referrer it stores. Such a push is the system's, not a user's: it is in the outbox (audit and
    /// replication see every manifest), is never scanned (it is an artifact with a subject), and webhooks must not
    /// deliver it as a user push.
    /// </summary>
    public const string Scanner = "berth-scanner";
}
