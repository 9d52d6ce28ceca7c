namespace Berth.Scanning.Advisories.Formats;

/// <summary>
/// One advisory file format. Formats are stateless and thread-safe; the importer asks each, in order, whether
/// it reads a document, and the first that does reads it.
/// </summary>
public interface IAdvisoryFormat
{
    /// <summary>Short stable name shown in reports: <c>osv</c>, <c>debian-tracker</c>, <c>alpine-secdb</c> …</summary>
    string Name { get; }

    /// <summary>
    /// True when this format reads <paramref name="document"/>, decided from its name and (for JSON and YAML) its
    /// top-level keys. May parse the document (a syntax error then surfaces as <see cref="AdvisoryFormatException"/>).
    /// </summary>
    bool CanRead(AdvisoryDocument document);

    /// <summary>
    /// The document's advisories. Throws <see cref="AdvisoryFormatException"/> when the content is malformed;
    /// reports entries it deliberately leaves out (non-security errata, "not affected" statements) to
    /// <paramref name="context"/>.
    /// </summary>
    IEnumerable<Advisory> Read(AdvisoryDocument document, ReadContext context);
}

/// <summary>Per-run settings and counters handed to formats.</summary>
public sealed class ReadContext
{
    private readonly Dictionary<string, int> skipped = new(StringComparer.Ordinal);

    public ReadContext(int? maxDetailsLength = 4096) => MaxDetailsLength = maxDetailsLength;

    /// <summary>Details are trimmed and cut to this many characters; 0 drops them; null keeps them whole.</summary>
    public int? MaxDetailsLength { get; }

    /// <summary>Entries left out on purpose, by reason.</summary>
    public IReadOnlyDictionary<string, int> Skipped => skipped;

    public void Skip(string reason) => skipped[reason] = skipped.GetValueOrDefault(reason) + 1;

    /// <summary>Applies <see cref="MaxDetailsLength"/> to a details text.</summary>
    public string? Details(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || MaxDetailsLength == 0)
        {
            return null;
        }

        return MaxDetailsLength is { } max && trimmed.Length > max ? trimmed[..max].TrimEnd() + " …" : trimmed;
    }
}

/// <summary>A document's content is not valid in the format that claims it.</summary>
public sealed class AdvisoryFormatException : Exception
{
    public AdvisoryFormatException(string message)
        : base(message)
    {
    }

    public AdvisoryFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public AdvisoryFormatException()
    {
    }
}
