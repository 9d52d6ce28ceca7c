namespace Berth.Scanning.Inventory.Analyzers;

/// <summary>
/// Reads packages from files of a layer. Implementations are stateless and thread-safe; a file is read
/// only when <see cref="Wants"/> says so, so that matching must not depend on content.
/// </summary>
public interface IPackageAnalyzer
{
    /// <summary>Stable name with a format version (e.g. <c>dpkg/1</c>); part of the per-layer cache key.</summary>
    string Id { get; }

    /// <summary>True when the analyzer reads only ELF files; others are skipped after the magic bytes.</summary>
    bool ElfOnly => false;

    /// <summary>Whether the file's content should be read; decided from path, size and mode only.</summary>
    bool Wants(LayerFile file);

    /// <summary>
    /// Adds what <paramref name="content"/> (seekable, at position 0, at most the configured file cap)
    /// holds to <paramref name="findings"/>. Malformed content is skipped, never thrown
    /// (<see cref="InvalidDataException"/> is caught by the caller and becomes a skip reason).
    /// </summary>
    void Analyze(LayerFile file, Stream content, FileFindings findings);
}
