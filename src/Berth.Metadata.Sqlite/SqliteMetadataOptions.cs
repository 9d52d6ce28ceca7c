namespace Berth.Metadata.Sqlite;

/// <summary>Where the metadata database lives and how durable its commits are.</summary>
public sealed class SqliteMetadataOptions
{
    /// <summary>
    /// A full Microsoft.Data.Sqlite connection string. When set it wins over <see cref="DataFile"/>; pooling
    /// and the default command timeout are still forced so every connection behaves the same.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Path of the database file; its directory is created when missing.</summary>
    public string? DataFile { get; set; }

    /// <summary>
    /// <c>FULL</c> (default) fsyncs the WAL on every commit, so an acknowledged push survives power loss.
    /// <c>NORMAL</c> is faster but may lose the last commits (never corrupt) on power loss.
    /// </summary>
    public string Synchronous { get; set; } = "FULL";

    /// <summary>How long a writer waits for the single SQLite write lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
