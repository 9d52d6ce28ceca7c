using Berth.Core.Oci;
using Berth.Core.Storage;

namespace Berth.Scanning.Inventory;

/// <summary>Opens blobs (layers, configs) by digest. Null when absent; the caller disposes the stream.</summary>
public interface ILayerSource
{
    Task<Stream?> OpenAsync(Digest digest, CancellationToken ct);
}

/// <summary>Reads blobs straight from the registry's blob store.</summary>
public sealed class BlobStoreLayerSource(IBlobStore store) : ILayerSource
{
    public Task<Stream?> OpenAsync(Digest digest, CancellationToken ct) => store.OpenReadAsync(digest, 0, ct);
}
