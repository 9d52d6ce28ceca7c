namespace Berth.Scanning.Advisories.Import;

/// <summary>
/// The outcome of one <c>berth advisories import</c>. When <see cref="Failure"/> is set nothing was applied:
/// the store is exactly as before the run.
/// </summary>
public sealed record ImportReport
{
    /// <summary>The full path or URL imported; re-imports of the same origin replace what it supplied.</summary>
    public required string Origin { get; init; }

    /// <summary>Null when the import succeeded.</summary>
    public ImportFailure? Failure { get; init; }

    public bool Succeeded => Failure is null;

    /// <summary>The committed run's id (for the change feed); null on failure.</summary>
    public long? ImportId { get; init; }

    /// <summary>Documents read, by format name (<c>osv</c>, <c>debian-tracker</c> …).</summary>
    public IReadOnlyDictionary<string, int> DocumentsByFormat { get; init; } = new Dictionary<string, int>();

    /// <summary>Files no format recognised (READMEs, licences, unrelated JSON), left alone.</summary>
    public int IgnoredDocuments { get; init; }

    /// <summary>Advisories read before merging repeated ids.</summary>
    public int AdvisoriesRead { get; init; }

    /// <summary>Advisories per source after merging.</summary>
    public IReadOnlyDictionary<string, int> AdvisoriesBySource { get; init; } = new Dictionary<string, int>();

    public int Added { get; init; }

    public int Updated { get; init; }

    public int Removed { get; init; }

    public int Unchanged { get; init; }

    /// <summary>Entries left out on purpose, by reason (AlmaLinux bug-fix errata, Debian &lt;not-affected&gt; …).</summary>
    public IReadOnlyDictionary<string, int> Skipped { get; init; } = new Dictionary<string, int>();

    /// <summary>Package keys whose advisories changed in this run.</summary>
    public IReadOnlyList<PackageKey> ChangedPackages { get; init; } = [];

    public TimeSpan Elapsed { get; init; }
}

/// <summary>Why an import changed nothing: the document (path, <c>archive.zip!entry</c> or URL) and the reason.</summary>
public sealed record ImportFailure(string Document, string Message)
{
    public override string ToString() => $"{Document}: {Message}";
}
