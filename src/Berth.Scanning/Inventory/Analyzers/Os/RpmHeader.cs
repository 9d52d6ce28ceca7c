using System.Buffers.Binary;
using System.Text;

namespace Berth.Scanning.Inventory.Analyzers.Os;

/// <summary>
/// An rpm header as rpmdb stores it (rpm's "Package header format" without the 8-byte magic): two
/// big-endian int32 counts (index entries, data bytes), the 16-byte index entries (tag, type, offset,
/// count) and the data store. Only the string and int32 tags the inventory needs are decoded.
/// </summary>
internal sealed class RpmHeader
{
    public const int TagName = 1000;
    public const int TagVersion = 1001;
    public const int TagRelease = 1002;
    public const int TagEpoch = 1003;
    public const int TagArch = 1022;
    public const int TagSourceRpm = 1044;

    private const int TypeInt32 = 4;
    private const int TypeString = 6;
    private const int TypeStringArray = 8;
    private const int TypeI18nString = 9;

    private readonly byte[] _blob;
    private readonly Dictionary<int, (int Type, int Offset, int Count)> _entries = [];
    private readonly int _dataStart;
    private readonly int _dataLength;

    private RpmHeader(byte[] blob, int dataStart, int dataLength)
    {
        _blob = blob;
        _dataStart = dataStart;
        _dataLength = dataLength;
    }

    /// <summary>Parses the header; throws <see cref="InvalidDataException"/> when the counts do not fit the blob.</summary>
    public static RpmHeader Parse(byte[] blob)
    {
        if (blob.Length < 8)
        {
            throw new InvalidDataException("rpm header shorter than its counts");
        }

        var indexCount = BinaryPrimitives.ReadInt32BigEndian(blob);
        var dataLength = BinaryPrimitives.ReadInt32BigEndian(blob.AsSpan(4));
        if (indexCount < 0 || dataLength < 0 || 8L + (16L * indexCount) + dataLength > blob.Length)
        {
            throw new InvalidDataException("rpm header counts exceed the blob");
        }

        var header = new RpmHeader(blob, 8 + (16 * indexCount), dataLength);
        for (var i = 0; i < indexCount; i++)
        {
            var entry = blob.AsSpan(8 + (16 * i), 16);
            var tag = BinaryPrimitives.ReadInt32BigEndian(entry);
            var type = BinaryPrimitives.ReadInt32BigEndian(entry[4..]);
            var offset = BinaryPrimitives.ReadInt32BigEndian(entry[8..]);
            var count = BinaryPrimitives.ReadInt32BigEndian(entry[12..]);
            header._entries.TryAdd(tag, (type, offset, count));
        }

        return header;
    }

    /// <summary>The tag's (first) string, or null when absent or not a string.</summary>
    public string? String(int tag)
    {
        if (!_entries.TryGetValue(tag, out var e) || e.Type is not (TypeString or TypeStringArray or TypeI18nString)
            || e.Offset < 0 || e.Offset >= _dataLength)
        {
            return null;
        }

        var data = _blob.AsSpan(_dataStart + e.Offset, _dataLength - e.Offset);
        var end = data.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? data : data[..end]);
    }

    /// <summary>The tag's first int32, or null when absent or not an int32.</summary>
    public int? Int32(int tag)
    {
        if (!_entries.TryGetValue(tag, out var e) || e.Type != TypeInt32 || e.Offset < 0 || e.Offset + 4 > _dataLength)
        {
            return null;
        }

        return BinaryPrimitives.ReadInt32BigEndian(_blob.AsSpan(_dataStart + e.Offset));
    }
}
