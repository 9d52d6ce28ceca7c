using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Berth.Scanning.Inventory.Layers;

namespace Berth.Scanning.Inventory.Cache;

/// <summary>
/// Keeps layer analyses in a local directory (one small JSON file per layer and analyzer set) behind an
/// in-memory cache, so rescans after a restart do not read unchanged layers again. Files are written
/// to a temp name and renamed, so a reader never sees half a file; an unreadable file is a miss and is
/// deleted. When more than <c>maxFiles</c> exist, the least recently used are removed. Thread-safe.
/// </summary>
public sealed class DirectoryLayerAnalysisCache : ILayerAnalysisCache
{
    private readonly string _directory;
    private readonly ILayerAnalysisCache _memory;
    private readonly int _maxFiles;
    private int _writesSincePrune;

    public DirectoryLayerAnalysisCache(string directory, ILayerAnalysisCache memory, int maxFiles = 20_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFiles, 1);
        Directory.CreateDirectory(directory);
        _directory = directory;
        _memory = memory;
        _maxFiles = maxFiles;
    }

    public bool TryGet(string key, [NotNullWhen(true)] out LayerAnalysis? analysis)
    {
        if (_memory.TryGet(key, out analysis))
        {
            return true;
        }

        var path = PathFor(key);
        try
        {
            analysis = LayerAnalysisJson.Read(File.ReadAllBytes(path));
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            _memory.Set(key, analysis);
            return true;
        }
        catch (FileNotFoundException)
        {
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException
            or ArgumentException or FormatException)
        {
            File.Delete(path);
        }

        analysis = null;
        return false;
    }

    public void Set(string key, LayerAnalysis analysis)
    {
        _memory.Set(key, analysis);
        var path = PathFor(key);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var file = File.Create(temp))
        {
            LayerAnalysisJson.Write(file, analysis);
        }

        File.Move(temp, path, overwrite: true);
        if (Interlocked.Increment(ref _writesSincePrune) % 64 == 0)
        {
            Prune();
        }
    }

    /// <summary>Deletes the least recently used files beyond the limit.</summary>
    public void Prune()
    {
        var files = new DirectoryInfo(_directory).GetFiles("*.json");
        foreach (var stale in files.OrderByDescending(f => f.LastWriteTimeUtc).Skip(_maxFiles))
        {
            stale.Delete();
        }
    }

    private string PathFor(string key) =>
        Path.Combine(_directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + ".json");
}
