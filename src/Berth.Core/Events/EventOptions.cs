namespace Berth.Core.Events;

/// <summary>Event outbox settings (section <c>Berth:Events</c>).</summary>
public sealed class EventOptions
{
    public const string Section = "Berth:Events";

    /// <summary>How often consumers look for events appended by other processes (in-process appends wake them at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an idle consumer woken by an append waits before reading, so events appended close together are
    /// read and handled as one batch (under push load: one read per interval instead of one per push).
    /// </summary>
    public TimeSpan WakeDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Most events handed to a consumer at once.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Longest time a consumer's progress stays in memory only: under load the cursor is saved at most this often
    /// (and always when the consumer goes idle or stops), so it costs no write per batch. A crash hands the events
    /// handled since the last save again (delivery is at least once anyway).
    /// </summary>
    public TimeSpan CursorSaveInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay before a consumer whose batch failed gets it again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Events older than this are purged once every consumer has handled them.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the retention job runs.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
