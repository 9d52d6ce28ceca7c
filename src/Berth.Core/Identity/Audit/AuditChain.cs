using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Berth.Core.Identity.Audit;

/// <summary>
/// The tamper-evident chain over the audit log: hash(n) = SHA-256(hash(n-1) ‖ canonical(entry n)), starting from
/// 32 zero bytes. Changing, removing or reordering a stored entry breaks every later hash. Pure and thread-safe.
/// </summary>
public static class AuditChain
{
    public const int HashSize = 32;

    /// <summary>The previous hash of the first entry.</summary>
    public static byte[] Genesis() => new byte[HashSize];

    /// <summary>The hash of <paramref name="entry"/> stored as number <paramref name="sequence"/> after <paramref name="previous"/>.</summary>
    public static byte[] Next(ReadOnlySpan<byte> previous, long sequence, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (previous.Length != HashSize)
        {
            throw new ArgumentException("the previous hash must be 32 bytes", nameof(previous));
        }

        // One buffer and one SHA-256 call: this runs for every data-plane pull, so no per-field hashing calls.
        ReadOnlySpan<string?> fields = [entry.Action, entry.Actor, entry.Target, entry.SourceAddress, entry.RequestId, entry.Success ? "1" : "0", entry.Detail];
        var length = HashSize + 16;
        foreach (var field in fields)
        {
            length += 4 + (field is null ? 0 : Encoding.UTF8.GetByteCount(field));
        }

        var rented = length > 1024 ? ArrayPool<byte>.Shared.Rent(length) : null;
        var buffer = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        try
        {
            previous.CopyTo(buffer);
            BinaryPrimitives.WriteInt64BigEndian(buffer[HashSize..], sequence);
            BinaryPrimitives.WriteInt64BigEndian(buffer[(HashSize + 8)..], entry.At.ToUnixTimeMilliseconds());
            var at = HashSize + 16;
            foreach (var field in fields)
            {
                at += WriteField(buffer[at..], field);
            }

            return SHA256.HashData(buffer);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // Length-prefixed fields (-1 for null) keep ("ab","c") and ("a","bc") apart.
    private static int WriteField(Span<byte> buffer, string? field)
    {
        if (field is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer, -1);
            return 4;
        }

        var written = Encoding.UTF8.GetBytes(field, buffer[4..]);
        BinaryPrimitives.WriteInt32BigEndian(buffer, written);
        return 4 + written;
    }
}
