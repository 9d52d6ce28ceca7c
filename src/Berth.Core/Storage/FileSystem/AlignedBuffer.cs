using System.Buffers;
using System.Runtime.InteropServices;

namespace Berth.Core.Storage.FileSystem;

/// <summary>Native memory aligned for <c>O_DIRECT</c> I/O, exposed as <see cref="Memory{T}"/>. Not thread-safe.</summary>
internal sealed unsafe class AlignedBuffer : MemoryManager<byte>
{
    private void* _pointer;

    public AlignedBuffer(int length, int alignment)
    {
        Length = length;
        _pointer = NativeMemory.AlignedAlloc((nuint)length, (nuint)alignment);
    }

    public int Length { get; }

    public override Span<byte> GetSpan() => new(_pointer, Length);

    public override MemoryHandle Pin(int elementIndex = 0) => new((byte*)_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (_pointer is not null)
        {
            NativeMemory.AlignedFree(_pointer);
            _pointer = null;
        }
    }
}
