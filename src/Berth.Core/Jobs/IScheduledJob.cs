namespace Berth.Core.Jobs;

/// <summary>A background job the <see cref="JobScheduler"/> runs on an interval.</summary>
public interface IScheduledJob
{
    /// <summary>Unique, stable name (used in logs and by <see cref="JobScheduler.RunNowAsync"/>).</summary>
    string Name { get; }

    /// <summary>Time between the end of one run and the start of the next; null disables scheduling.</summary>
    TimeSpan? Interval { get; }

    Task RunAsync(CancellationToken ct);
}
