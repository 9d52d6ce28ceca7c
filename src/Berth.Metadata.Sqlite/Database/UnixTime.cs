namespace Berth.Metadata.Sqlite.Database;

/// <summary>Timestamps are stored as INTEGER unix milliseconds: compact, indexable, and sortable as numbers.</summary>
internal static class UnixTime
{
    public static long ToMs(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
