using System.Formats.Tar;
using Berth.Scanning.Inventory.Analyzers;

namespace Berth.Scanning.Inventory.Layers;

/// <summary>
/// Walks one layer's tar once, front to back, and runs the analyzers on the files they ask for. Only
/// those files are read (each into a bounded buffer); everything else is skipped while streaming.
/// Thread-safe (no state between calls).
/// </summary>
public sealed class LayerReader(IReadOnlyList<IPackageAnalyzer> analyzers, InventoryOptions options)
{
    private static readonly byte[] ElfMagic = [0x7f, (byte)'E', (byte)'L', (byte)'F'];

    /// <summary>
    /// Reads the uncompressed tar stream. Throws <see cref="InvalidDataException"/> when it is not a tar
    /// (or the decompressor rejects it); the caller owns <paramref name="tar"/>.
    /// </summary>
    public async Task<LayerAnalysis> ReadAsync(Stream tar, CancellationToken ct)
    {
        var files = new Dictionary<string, FileFindings>(StringComparer.Ordinal);
        var whiteouts = new List<string>();
        var opaque = new List<string>();
        var replaced = new List<ulong>();
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            var path = LayerPaths.Normalize(entry.Name);
            switch (LayerPaths.Classify(path, out var target))
            {
                case WhiteoutKind.Whiteout:
                    // Applies to lower layers only (image-spec): files of this layer stay.
                    whiteouts.Add(target);
                    continue;
                case WhiteoutKind.Opaque:
                    opaque.Add(target);
                    continue;
                case WhiteoutKind.Ignored:
                    continue;
            }

            if (entry.EntryType == TarEntryType.Directory)
            {
                // Directories merge with lower ones; only their whiteouts and opaque markers hide content.
                continue;
            }

            var isRegular = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                or TarEntryType.ContiguousFile;
            var file = new LayerFile(path, isRegular ? entry.Length : 0,
                (entry.Mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
            var wanting = Wanting(file);
            if (wanting.Count == 0)
            {
                // Whatever a lower layer had at this path (or below, if this is now a file) is replaced.
                files.Remove(path);
                replaced.Add(PathHash.Of(path));
                continue;
            }

            // A hard link to a file analysed earlier in this layer has the same content, so the same findings.
            files[path] = entry.EntryType == TarEntryType.HardLink && files.TryGetValue(LayerPaths.Normalize(entry.LinkName), out var linked)
                ? linked
                : await AnalyzeAsync(entry, file, isRegular, wanting, ct);
        }

        replaced.Sort();
        return new LayerAnalysis(files, whiteouts, opaque, [.. replaced.Distinct()]);
    }

    private List<IPackageAnalyzer> Wanting(LayerFile file)
    {
        var list = new List<IPackageAnalyzer>(1);
        foreach (var analyzer in analyzers)
        {
            if (analyzer.Wants(file))
            {
                list.Add(analyzer);
            }
        }

        return list;
    }

    private async Task<FileFindings> AnalyzeAsync(
        TarEntry entry, LayerFile file, bool isRegular, List<IPackageAnalyzer> wanting, CancellationToken ct)
    {
        var findings = new FileFindings();
        if (!isRegular || entry.DataStream is null)
        {
            // Symbolic links are not followed (the target is analysed at its own path), so they are not "skipped";
            // a hard link whose target this layer did not analyse is.
            findings.SkipReason = entry.EntryType == TarEntryType.HardLink ? $"hard link to {entry.LinkName}, not followed" : null;
            return findings;
        }

        if (file.Size > options.MaxFileBytes)
        {
            findings.SkipReason = $"file is {file.Size} bytes, over the {options.MaxFileBytes}-byte cap";
            return findings;
        }

        var source = entry.DataStream;
        if (wanting.TrueForAll(a => a.ElfOnly))
        {
            var head = new byte[ElfMagic.Length];
            var read = await source.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
            if (read < head.Length || !head.AsSpan().SequenceEqual(ElfMagic))
            {
                return findings;
            }

            source = new PrefixedStream(head, read, entry.DataStream, leaveOpen: true);
        }

        await using var content = await FileBuffer.CopyAsync(source, file.Size, options.InMemoryFileBytes, ct);
        foreach (var analyzer in wanting)
        {
            content.Position = 0;
            try
            {
                analyzer.Analyze(file, content, findings);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException
                or System.Text.Json.JsonException or ArgumentOutOfRangeException or OverflowException
                or NotSupportedException or IndexOutOfRangeException)
            {
                findings.SkipReason = $"{analyzer.Id}: unreadable ({e.Message})";
            }
        }

        return findings;
    }
}
