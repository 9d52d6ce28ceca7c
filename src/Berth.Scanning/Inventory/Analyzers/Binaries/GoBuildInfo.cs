using System.Buffers.Binary;
using System.Text;

namespace Berth.Scanning.Inventory.Analyzers.Binaries;

/// <summary>
/// Decodes the build information the Go linker embeds (the <c>.go.buildinfo</c> section): a 32-byte
/// header starting with <c>\xff Go buildinf:</c>, pointer size at byte 14 and flags at byte 15. With
/// flag 2 (Go ≥ 1.18) the Go version and module info follow inline as uvarint-prefixed strings;
/// otherwise bytes 16.. hold two pointers to Go string headers (data pointer, length) that are
/// resolved through the binary's address space. Flag 1 means big-endian pointers.
/// </summary>
internal static class GoBuildInfo
{
    private static readonly byte[] Magic = [0xff, .. Encoding.ASCII.GetBytes(" Go buildinf:")];

    public const int HeaderSize = 32;

    /// <summary>
    /// The Go version and raw module info, or null when <paramref name="section"/> is no build-info blob.
    /// <paramref name="readAddress"/> reads bytes at a virtual address (null when unmapped).
    /// </summary>
    public static (string GoVersion, string ModInfo)? Read(ReadOnlySpan<byte> section, Func<ulong, int, byte[]?> readAddress)
    {
        if (section.Length < HeaderSize || !section[..Magic.Length].SequenceEqual(Magic))
        {
            return null;
        }

        var pointerSize = section[14];
        var flags = section[15];
        if ((flags & 2) != 0)
        {
            var rest = section[HeaderSize..];
            var version = ReadVarBytes(ref rest);
            var mod = ReadVarBytes(ref rest);
            return version is null ? null : (Encoding.UTF8.GetString(version), StripSentinels(mod ?? []));
        }

        if (pointerSize is not (4 or 8) || section.Length < 16 + (2 * pointerSize))
        {
            return null;
        }

        var bigEndian = (flags & 1) != 0;
        var versionAddress = Pointer(section[16..], pointerSize, bigEndian);
        var modAddress = Pointer(section[(16 + pointerSize)..], pointerSize, bigEndian);
        var goVersion = ReadGoString(versionAddress, pointerSize, bigEndian, readAddress);
        var modInfo = ReadGoString(modAddress, pointerSize, bigEndian, readAddress);
        return goVersion is null ? null : (Encoding.UTF8.GetString(goVersion), StripSentinels(modInfo ?? []));
    }

    private static byte[]? ReadGoString(ulong address, int pointerSize, bool bigEndian, Func<ulong, int, byte[]?> readAddress)
    {
        var header = readAddress(address, 2 * pointerSize);
        if (header is null)
        {
            return null;
        }

        var data = Pointer(header, pointerSize, bigEndian);
        var length = Pointer(header.AsSpan(pointerSize), pointerSize, bigEndian);
        if (length > 16 * 1024 * 1024)
        {
            return null;
        }

        return length == 0 ? [] : readAddress(data, (int)length);
    }

    private static ulong Pointer(ReadOnlySpan<byte> b, int size, bool bigEndian) => size == 8
        ? (bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b))
        : (bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b));

    private static byte[]? ReadVarBytes(ref ReadOnlySpan<byte> rest)
    {
        ulong length = 0;
        var shift = 0;
        var i = 0;
        while (true)
        {
            if (i >= rest.Length || shift > 63)
            {
                return null;
            }

            var b = rest[i++];
            length |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                break;
            }

            shift += 7;
        }

        if (length > (ulong)(rest.Length - i))
        {
            return null;
        }

        var bytes = rest.Slice(i, (int)length).ToArray();
        rest = rest[(i + (int)length)..];
        return bytes;
    }

    // The linker wraps the module info in 16-byte sentinels; the byte before the closing one is '\n'.
    private static string StripSentinels(byte[] mod) =>
        Encoding.UTF8.GetString(mod.Length >= 33 && mod[^17] == (byte)'\n' ? mod.AsSpan(16, mod.Length - 32) : mod);
}
