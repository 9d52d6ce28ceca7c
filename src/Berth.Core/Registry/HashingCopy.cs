using System.Buffers;
using System.Security.Cryptography;
using Berth.Core.Errors;

namespace Berth.Core.Registry;

/// <summary>Streams a request body into storage while hashing it, with a size cap.</summary>
internal static class HashingCopy
{
    private const int BufferSize = 256 * 1024;

    /// <summary>Copies all of <paramref name="source"/>; returns the bytes copied. Throws SIZE_INVALID past <paramref name="maxBytes"/>.</summary>
    /// <remarks>
    /// Two buffers: while one is being written to storage, the next is read from the client and hashed, so
    /// network, hashing and disk overlap instead of taking turns.
    /// </remarks>
    public static async Task<long> CopyAsync(Stream source, Stream target, IncrementalHash? hash, long maxBytes, CancellationToken ct)
    {
        var current = ArrayPool<byte>.Shared.Rent(BufferSize);
        var other = ArrayPool<byte>.Shared.Rent(BufferSize);
        var pending = Task.CompletedTask;
        try
        {
            long total = 0;
            while (true)
            {
                var read = await FillAsync(source, current, ct);
                if (read == 0)
                {
                    await pending;
                    return total;
                }

                total += read;
                if (total > maxBytes)
                {
                    throw new OciException(ErrorCodes.TooLarge, $"blob exceeds the limit of {maxBytes} bytes");
                }

                hash?.AppendData(current, 0, read);
                await pending;
                pending = target.WriteAsync(current.AsMemory(0, read), ct).AsTask();
                (current, other) = (other, current);
            }
        }
        finally
        {
            // Never return a buffer that a write may still be reading.
            try
            {
                await pending;
            }
            catch (Exception) when (ct.IsCancellationRequested || pending.IsFaulted)
            {
            }

            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(other);
        }
    }

    /// <summary>Hashes a whole stream (re-hashing a staging object after a restart).</summary>
    public static async Task HashAsync(Stream source, IncrementalHash hash, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Fewer, larger writes: keep reading until the buffer is full or the body ends.
    private static async Task<int> FillAsync(Stream source, byte[] buffer, CancellationToken ct)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await source.ReadAsync(buffer.AsMemory(filled), ct);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}
