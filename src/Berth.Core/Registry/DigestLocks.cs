using Berth.Core.Oci;

namespace Berth.Core.Registry;

/// <summary>
/// Striped per-digest locks that serialise committing a blob (store + metadata) against the garbage
/// collector deleting it, so a commit never lands between GC's metadata check and its file delete.
/// One instance per process (registered as a singleton).
/// </summary>
public sealed class DigestLocks
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> AcquireAsync(Digest digest, CancellationToken ct)
    {
        var stripe = _stripes[Convert.ToByte(digest.Hex[..2], 16)];
        await stripe.WaitAsync(ct);
        return new Releaser(stripe);
    }

    private sealed class Releaser(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
