using System.Buffers.Binary;
using System.Text;

namespace Berth.Scanning.Inventory.Analyzers.Binaries;

/// <summary>
/// Just enough of ELF (32/64-bit, either byte order) to find sections by name and map virtual
/// addresses to file bytes. Reads from a seekable stream; throws <see cref="InvalidDataException"/>
/// on headers that point outside the file.
/// </summary>
internal sealed class ElfFile
{
    private readonly Stream _stream;
    private readonly List<ElfSection> _sections = [];

    private ElfFile(Stream stream, bool is64, bool bigEndian)
    {
        _stream = stream;
        Is64 = is64;
        BigEndian = bigEndian;
    }

    public bool Is64 { get; }

    public bool BigEndian { get; }

    public IReadOnlyList<ElfSection> Sections => _sections;

    public static ElfFile Open(Stream stream)
    {
        var ident = ReadAt(stream, 0, 64);
        if (ident[0] != 0x7f || ident[1] != 'E' || ident[2] != 'L' || ident[3] != 'F' || ident[4] is not (1 or 2) || ident[5] is not (1 or 2))
        {
            throw new InvalidDataException("not an ELF file");
        }

        var elf = new ElfFile(stream, ident[4] == 2, ident[5] == 2);
        var h = ident.AsSpan();
        var (shoff, shentsize, shnum, shstrndx) = elf.Is64
            ? ((long)elf.U64(h[0x28..]), elf.U16(h[0x3a..]), elf.U16(h[0x3c..]), elf.U16(h[0x3e..]))
            : (elf.U32(h[0x20..]), elf.U16(h[0x2e..]), elf.U16(h[0x30..]), elf.U16(h[0x32..]));
        if (shoff <= 0 || shnum == 0 || shentsize < (elf.Is64 ? 64 : 40) || shoff + ((long)shnum * shentsize) > stream.Length)
        {
            return elf;
        }

        var table = ReadAt(stream, shoff, shnum * shentsize);
        var raw = new List<(uint Name, uint Type, ulong Addr, long Offset, long Size)>(shnum);
        for (var i = 0; i < shnum; i++)
        {
            var s = table.AsSpan(i * shentsize, shentsize);
            raw.Add(elf.Is64
                ? (elf.U32(s), elf.U32(s[4..]), elf.U64(s[0x10..]), (long)elf.U64(s[0x18..]), (long)elf.U64(s[0x20..]))
                : (elf.U32(s), elf.U32(s[4..]), elf.U32(s[0x0c..]), elf.U32(s[0x10..]), elf.U32(s[0x14..])));
        }

        var names = shstrndx < raw.Count ? raw[shstrndx] : default;
        var nameTable = names.Size > 0 && names.Offset + names.Size <= stream.Length ? ReadAt(stream, names.Offset, (int)names.Size) : [];
        foreach (var (name, type, addr, offset, size) in raw)
        {
            elf._sections.Add(new ElfSection(NameAt(nameTable, name), type, addr, offset, size));
        }

        return elf;
    }

    public ElfSection? Section(string name) => _sections.FirstOrDefault(s => s.Name == name);

    /// <summary>The section's bytes; null when it has no file content or exceeds <paramref name="max"/>.</summary>
    public byte[]? Read(ElfSection section, int max)
    {
        if (section.Type == ElfSection.NoBits || section.Size > max || section.Offset + section.Size > _stream.Length)
        {
            return null;
        }

        return ReadAt(_stream, section.Offset, (int)section.Size);
    }

    /// <summary><paramref name="length"/> bytes at virtual address <paramref name="address"/>; null when unmapped.</summary>
    public byte[]? ReadAddress(ulong address, int length)
    {
        foreach (var s in _sections)
        {
            if (s.Type != ElfSection.NoBits && s.Address != 0 && address >= s.Address && address + (ulong)length <= s.Address + (ulong)s.Size)
            {
                return ReadAt(_stream, s.Offset + (long)(address - s.Address), length);
            }
        }

        return null;
    }

    public ulong Pointer(ReadOnlySpan<byte> b, int size) => size == 8 ? U64(b) : U32(b);

    private ushort U16(ReadOnlySpan<byte> b) => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

    private uint U32(ReadOnlySpan<byte> b) => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    private ulong U64(ReadOnlySpan<byte> b) => BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b);

    private static string NameAt(byte[] table, uint offset)
    {
        if (offset >= table.Length)
        {
            return string.Empty;
        }

        var rest = table.AsSpan((int)offset);
        var end = rest.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? rest : rest[..end]);
    }

    private static byte[] ReadAt(Stream stream, long offset, int length)
    {
        if (offset < 0 || length < 0 || offset + length > stream.Length)
        {
            throw new InvalidDataException("ELF structure points outside the file");
        }

        var buffer = new byte[length];
        stream.Position = offset;
        stream.ReadExactly(buffer);
        return buffer;
    }
}

/// <summary>One ELF section header.</summary>
internal sealed record ElfSection(string Name, uint Type, ulong Address, long Offset, long Size)
{
    public const uint NoBits = 8;
}
