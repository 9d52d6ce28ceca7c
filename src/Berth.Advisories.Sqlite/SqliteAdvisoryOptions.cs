namespace Berth.Advisories.Sqlite;

/// <summary>Where the advisory database lives and how durable its commits are.</summary>
public sealed class SqliteAdvisoryOptions
{
    /// <summary>Path of the database file (e.g. <c>&lt;data&gt;/advisories.db</c>); its directory is created when missing.</summary>
    public string? DataFile { get; set; }

    /// <summary>
    /// <c>NORMAL</c> (default): WAL commits are not fsynced one by one — a power loss may lose the last import
    /// (never corrupt the file), and an import is cheap to repeat. <c>FULL</c> fsyncs every commit.
    /// </summary>
    public string Synchronous { get; set; } = "NORMAL";

    /// <summary>How long a writer waits for the SQLite write lock (another process importing) before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
