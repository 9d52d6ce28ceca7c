using System.Diagnostics.CodeAnalysis;
using Berth.Scanning.Inventory.Layers;

namespace Berth.Scanning.Inventory.Cache;

/// <summary>
/// In-memory least-recently-used cache holding at most <c>capacity</c> layer analyses. Analyses are
/// small (findings of the few files analyzers read), so the bound is a count. Thread-safe (one lock).
/// </summary>
public sealed class LruLayerAnalysisCache : ILayerAnalysisCache
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<(string Key, LayerAnalysis Value)>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, LayerAnalysis Value)> _order = new();
    private readonly Lock _lock = new();

    public LruLayerAnalysisCache(int capacity = 512)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _map.Count;
            }
        }
    }

    public bool TryGet(string key, [NotNullWhen(true)] out LayerAnalysis? analysis)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                analysis = node.Value.Value;
                return true;
            }
        }

        analysis = null;
        return false;
    }

    public void Set(string key, LayerAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var existing))
            {
                _order.Remove(existing);
            }
            else if (_map.Count >= _capacity && _order.Last is { } oldest)
            {
                _order.RemoveLast();
                _map.Remove(oldest.Value.Key);
            }

            _map[key] = _order.AddFirst((key, analysis));
        }
    }
}
