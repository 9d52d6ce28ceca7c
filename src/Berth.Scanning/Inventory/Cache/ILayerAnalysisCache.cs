using System.Diagnostics.CodeAnalysis;
using Berth.Scanning.Inventory.Layers;

namespace Berth.Scanning.Inventory.Cache;

/// <summary>
/// Per-layer analysis results keyed by layer digest plus the analyzer set's fingerprint (a layer is
/// immutable, so a hit is always current). Implementations are thread-safe; a miss is never an error.
/// </summary>
public interface ILayerAnalysisCache
{
    bool TryGet(string key, [NotNullWhen(true)] out LayerAnalysis? analysis);

    void Set(string key, LayerAnalysis analysis);
}
