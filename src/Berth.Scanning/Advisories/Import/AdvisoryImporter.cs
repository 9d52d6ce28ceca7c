using System.Diagnostics;
using System.Text.Json;
using Berth.Scanning.Advisories.Formats;
using Berth.Scanning.Advisories.Storage;
using YamlDotNet.Core;

namespace Berth.Scanning.Advisories.Import;

/// <summary>
/// <c>berth advisories import PATH|URL</c>: reads a file, a directory tree or a zip archive of advisories in any
/// known format (or downloads an http(s) URL first) and applies it to the store as one atomic, incremental run.
/// </summary>
/// <remarks>
/// Every document is read and staged before anything is applied; the first malformed document ends the run
/// with a <see cref="ImportReport.Failure"/> naming it, and the store is left exactly as it was. Unchanged
/// advisories cost no write. Thread-safe: concurrent imports each run in their own session (the store
/// serialises their commits). Throws only for null arguments, cancellation and storage failures.
/// </remarks>
public sealed class AdvisoryImporter
{
    private readonly IAdvisoryStore store;
    private readonly HttpClient? http;
    private readonly ImportOptions options;
    private readonly IReadOnlyList<IAdvisoryFormat> formats;

    /// <param name="store">Where advisories go.</param>
    /// <param name="http">Used for URL imports; without it URLs are refused.</param>
    /// <param name="options">Defaults when null.</param>
    /// <param name="formats">The formats tried in order; <see cref="DefaultFormats"/> when null.</param>
    public AdvisoryImporter(IAdvisoryStore store, HttpClient? http = null, ImportOptions? options = null, IReadOnlyList<IAdvisoryFormat>? formats = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        this.store = store;
        this.http = http;
        this.options = options ?? new ImportOptions();
        this.formats = formats ?? DefaultFormats;
    }

    /// <summary>Every format Berth reads, most specific first.</summary>
    public static IReadOnlyList<IAdvisoryFormat> DefaultFormats { get; } =
        [new NodeSecurityFormat(), new AlpineSecdbFormat(), new RubySecFormat(), new OsvFormat(), new DebianTrackerFormat()];

    /// <summary>Imports <paramref name="pathOrUrl"/>: a local file, directory or zip, or an http(s) URL of one file or zip.</summary>
    public async Task<ImportReport> ImportAsync(string pathOrUrl, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrUrl);
        var clock = Stopwatch.StartNew();
        if (UrlDownloader.IsUrl(pathOrUrl, out var uri))
        {
            return await ImportUrlAsync(uri!, clock, ct);
        }

        if (UrlDownloader.IsOtherUrl(pathOrUrl))
        {
            return Failed(pathOrUrl, pathOrUrl, "only http and https URLs can be imported", clock);
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(pathOrUrl));
        return await ImportLocalAsync(full, full, Path.GetFileName(full), clock, ct);
    }

    private async Task<ImportReport> ImportUrlAsync(Uri uri, Stopwatch clock, CancellationToken ct)
    {
        var origin = uri.AbsoluteUri;
        if (http is null)
        {
            return Failed(origin, origin, "URL imports need an HttpClient", clock);
        }

        string file;
        try
        {
            file = await UrlDownloader.DownloadAsync(http, uri, options.TempDirectory ?? Path.GetTempPath(), options.MaxDownloadBytes, ct);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or IOException
            || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return Failed(origin, origin, "download failed: " + e.Message, clock);
        }

        try
        {
            var name = uri.Segments.Length > 0 ? Uri.UnescapeDataString(uri.Segments[^1]).TrimEnd('/') : string.Empty;
            name = name.Length > 0 ? name : "download";

            // An API URL without an extension (…/vulns/GHSA-xxxx) that answers a JSON object is read as JSON.
            if (Path.GetExtension(name).Length == 0 && !DocumentSources.IsZip(file) && StartsWithBrace(file))
            {
                name += ".json";
            }

            return await ImportLocalAsync(file, origin, name, clock, ct);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<ImportReport> ImportLocalAsync(string path, string origin, string displayPath, Stopwatch clock, CancellationToken ct)
    {
        var context = new ReadContext(options.MaxDetailsLength);
        var byFormat = new Dictionary<string, int>(StringComparer.Ordinal);
        var ignored = 0;
        var read = 0;
        var current = displayPath;
        await using var session = await store.BeginImportAsync(origin, new ImportSessionOptions { PruneMissing = options.PruneMissing }, ct);
        try
        {
            foreach (var document in DocumentSources.Open(path, displayPath, options.MaxDocumentBytes))
            {
                using var _ = document;
                ct.ThrowIfCancellationRequested();
                current = document.Path;
                var format = formats.FirstOrDefault(f => f.CanRead(document));
                if (format is null)
                {
                    ignored++;
                    continue;
                }

                byFormat[format.Name] = byFormat.GetValueOrDefault(format.Name) + 1;
                foreach (var advisory in format.Read(document, context))
                {
                    await session.AddAsync(advisory, ct);
                    read++;
                }
            }
        }
        catch (Exception e) when (IsInputError(e, ct))
        {
            return Failed(origin, current, Describe(e), clock);
        }

        var changes = await session.CommitAsync(ct);
        return new ImportReport
        {
            Origin = origin,
            ImportId = changes.ImportId,
            DocumentsByFormat = byFormat,
            IgnoredDocuments = ignored,
            AdvisoriesRead = read,
            AdvisoriesBySource = changes.AdvisoriesBySource,
            Added = changes.Added,
            Updated = changes.Updated,
            Removed = changes.Removed,
            Unchanged = changes.Unchanged,
            Skipped = context.Skipped,
            ChangedPackages = changes.ChangedPackages,
            Elapsed = clock.Elapsed,
        };
    }

    private static bool StartsWithBrace(string file)
    {
        using var stream = File.OpenRead(file);
        int b;
        while ((b = stream.ReadByte()) is ' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF)
        {
        }

        return b == '{';
    }

    private static bool IsInputError(Exception e, CancellationToken ct) => e switch
    {
        OperationCanceledException => false,
        AdvisoryFormatException or JsonException or YamlException or InvalidDataException => true,
        IOException or UnauthorizedAccessException => !ct.IsCancellationRequested,
        _ => false,
    };

    private static string Describe(Exception e) => e switch
    {
        FileNotFoundException => "no such file or directory",
        JsonException json => "invalid JSON: " + json.Message,
        YamlException yaml => $"invalid YAML at line {yaml.Start.Line}: {yaml.Message}",
        InvalidDataException data => "unreadable archive: " + data.Message,
        _ => e.Message,
    };

    private static ImportReport Failed(string origin, string document, string message, Stopwatch clock) =>
        new() { Origin = origin, Failure = new ImportFailure(document, message), Elapsed = clock.Elapsed };
}
