using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Berth.Core.Storage.FileSystem;

/// <summary>
/// Appends to a staging file with <c>O_DIRECT</c>, bypassing the page cache: large uploads then run at the
/// disk's speed rather than at the speed of filling fresh page-cache pages (several times slower on the VMs
/// measured in docs/benchmarks.md). Whole aligned blocks go out directly, two buffers in flight so the next
/// block fills while the last one is written; the unaligned tail is written through the page cache on
/// dispose. Used only when the file's current size is block-aligned and the filesystem accepts O_DIRECT;
/// <see cref="TryOpen"/> returns null otherwise and the caller appends the ordinary way.
/// </summary>
internal sealed partial class DirectAppendStream : Stream
{
    private const int Alignment = 4096;
    private const int BlockSize = 4 << 20;
    private const int WriteOnly = 0x1;
    private const int Direct = 0x4000;
    private const int CloseOnExec = 0x80000;

    private readonly string _path;
    private readonly SafeFileHandle _handle;
    private AlignedBuffer? _current;   // being filled
    private AlignedBuffer? _inFlight;  // being written by _pending; free again once it completes
    private int _filled;
    private long _offset;
    private Task _pending = Task.CompletedTask;

    private DirectAppendStream(string path, SafeFileHandle handle, long offset)
    {
        _path = path;
        _handle = handle;
        _offset = offset;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public static DirectAppendStream? TryOpen(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var size = new FileInfo(path).Length;
        if (size % Alignment != 0)
        {
            return null;
        }

        var fd = Open(path, WriteOnly | Direct | CloseOnExec);
        return fd < 0 ? null : new DirectAppendStream(path, new SafeFileHandle(fd, ownsHandle: true), size);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            _current ??= new AlignedBuffer(BlockSize, Alignment);
            var n = Math.Min(buffer.Length, BlockSize - _filled);
            buffer.Span[..n].CopyTo(_current.GetSpan()[_filled..]);
            _filled += n;
            buffer = buffer[n..];
            if (_filled == BlockSize)
            {
                await WriteBlockAsync(cancellationToken);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await _pending;
            if (_filled > 0 && _current is not null)
            {
                // The tail is not a whole block: O_DIRECT cannot write it, the page cache can.
                using var tail = File.OpenHandle(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                await RandomAccess.WriteAsync(tail, _current.Memory[.._filled], _offset);
            }
        }
        finally
        {
            Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private async Task WriteBlockAsync(CancellationToken ct)
    {
        // The previous block must be on disk before its buffer is filled again.
        await _pending;
        var block = _current!;
        _pending = RandomAccess.WriteAsync(_handle, block.Memory, _offset, ct).AsTask();
        _offset += BlockSize;
        _filled = 0;
        _current = _inFlight;
        _inFlight = block;
    }

    private void Release()
    {
        _handle.Dispose();
        ((IDisposable?)_current)?.Dispose();
        ((IDisposable?)_inFlight)?.Dispose();
        _current = null;
        _inFlight = null;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);
}
