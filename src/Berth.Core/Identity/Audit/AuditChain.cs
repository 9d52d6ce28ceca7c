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

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previous);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, sequence);
        hash.AppendData(number);
        BinaryPrimitives.WriteInt64BigEndian(number, entry.At.ToUnixTimeMilliseconds());
        hash.AppendData(number);
        foreach (var field in new[] { entry.Action, entry.Actor, entry.Target, entry.SourceAddress, entry.RequestId, entry.Success ? "1" : "0", entry.Detail })
        {
            AppendField(hash, field);
        }

        return hash.GetHashAndReset();
    }

    // Length-prefixed fields (-1 for null) keep ("ab","c") and ("a","bc") apart.
    private static void AppendField(IncrementalHash hash, string? field)
    {
        Span<byte> length = stackalloc byte[4];
        if (field is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            hash.AppendData(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(field);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
