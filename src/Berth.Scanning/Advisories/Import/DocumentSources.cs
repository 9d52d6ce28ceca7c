using System.IO.Compression;
using Berth.Scanning.Advisories.Formats;

namespace Berth.Scanning.Advisories.Import;

/// <summary>
/// Turns an import path into documents: a file, every file under a directory (recursively, hidden entries
/// skipped, ordinal path order), or every entry of a zip archive (streamed from the archive, never extracted;
/// entry order by name). A zip is recognised by its signature, whatever its name.
/// </summary>
internal static class DocumentSources
{
    public static IEnumerable<AdvisoryDocument> Open(string path, string displayPath, long maxDocumentBytes)
    {
        if (Directory.Exists(path))
        {
            return FromDirectory(path, maxDocumentBytes);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException("no such file or directory", displayPath);
        }

        return IsZip(path) ? FromZip(path, displayPath, maxDocumentBytes) : [FromFile(path, displayPath, maxDocumentBytes)];
    }

    public static bool IsZip(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4
            && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4;
    }

    private static IEnumerable<AdvisoryDocument> FromDirectory(string root, long maxDocumentBytes)
    {
        var files = new List<string>();
        Collect(root, files);
        files.Sort(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var display = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (IsZip(file))
            {
                foreach (var entry in FromZip(file, display, maxDocumentBytes))
                {
                    yield return entry;
                }
            }
            else
            {
                yield return FromFile(file, display, maxDocumentBytes);
            }
        }
    }

    private static void Collect(string directory, List<string> files)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (entry.Name.StartsWith('.') || entry.LinkTarget is not null)
            {
                continue;
            }

            if (entry is DirectoryInfo)
            {
                Collect(entry.FullName, files);
            }
            else
            {
                files.Add(entry.FullName);
            }
        }
    }

    private static AdvisoryDocument FromFile(string path, string display, long maxDocumentBytes) => new(display, () =>
    {
        var stream = File.OpenRead(path);
        if (stream.Length > maxDocumentBytes)
        {
            stream.Dispose();
            throw new AdvisoryFormatException($"larger than the {maxDocumentBytes}-byte document limit");
        }

        return stream;
    });

    private static IEnumerable<AdvisoryDocument> FromZip(string path, string display, long maxDocumentBytes)
    {
        using var archive = ZipFile.OpenRead(path);
        foreach (var entry in archive.Entries.Where(e => e.Name.Length > 0).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            yield return new AdvisoryDocument($"{display}!{entry.FullName}", () => entry.Length > maxDocumentBytes
                ? throw new AdvisoryFormatException($"larger than the {maxDocumentBytes}-byte document limit")
                : entry.Open());
        }
    }
}
