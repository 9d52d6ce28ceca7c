using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Berth.Core.Registry;

/// <summary>
/// In-memory SHA-256 state of chunked uploads, so completing an upload does not re-read it. State is an
/// optimisation only: after a restart (or on another replica) the staging object is re-hashed.
/// Each entry carries a lock that serialises the appends of one upload.
/// </summary>
public sealed class UploadHashes
{
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();

    public Entry Get(Guid id) => _entries.GetOrAdd(id, static _ => new Entry());

    public void Remove(Guid id)
    {
        if (_entries.TryRemove(id, out var entry))
        {
            entry.Reset();
        }
    }

    public sealed class Entry
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        /// <summary>The running hash, valid when <see cref="HashedBytes"/> equals the staging object's size.</summary>
        public IncrementalHash? Hash { get; private set; }

        public long HashedBytes { get; private set; } = -1;

        /// <summary>When this process last recorded the session's activity in metadata (under <see cref="Lock"/>).</summary>
        public DateTimeOffset LastTouched { get; set; }

        public IncrementalHash Start(long hashedBytes)
        {
            Reset();
            Hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            HashedBytes = hashedBytes;
            return Hash;
        }

        public void Advance(long bytes) => HashedBytes += bytes;

        public void Reset()
        {
            Hash?.Dispose();
            Hash = null;
            HashedBytes = -1;
        }
    }
}
