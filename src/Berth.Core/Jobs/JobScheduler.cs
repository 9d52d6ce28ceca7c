using Microsoft.Extensions.Logging;

namespace Berth.Core.Jobs;

/// <summary>
/// The one scheduler for background work. Each job runs in its own loop driven by <see cref="TimeProvider"/>;
/// a failing run is logged and retried at the next interval. <see cref="RunNowAsync"/> runs a job
/// immediately (tests, CLI), never concurrently with its scheduled run.
/// </summary>
public sealed partial class JobScheduler(IEnumerable<IScheduledJob> jobs, TimeProvider time, ILogger<JobScheduler> logger) : IAsyncDisposable
{
    private readonly Dictionary<string, (IScheduledJob Job, SemaphoreSlim Gate)> _jobs =
        jobs.ToDictionary(j => j.Name, j => (j, new SemaphoreSlim(1, 1)), StringComparer.Ordinal);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    public void Start()
    {
        foreach (var (job, gate) in _jobs.Values)
        {
            if (job.Interval is { } interval && interval > TimeSpan.Zero)
            {
                _loops.Add(Task.Run(() => LoopAsync(job, gate, interval, _stop.Token)));
            }
        }
    }

    public async Task RunNowAsync(string name, CancellationToken ct)
    {
        if (!_jobs.TryGetValue(name, out var entry))
        {
            throw new ArgumentException($"no job named '{name}'", nameof(name));
        }

        await RunExclusiveAsync(entry.Job, entry.Gate, ct);
    }

    /// <summary>
    /// Starts a run of the job called <paramref name="name"/> now, in the background, after any run in progress;
    /// a failure is logged like a scheduled run's. For events that make a job's work due before its next interval.
    /// Returns false (and does nothing) when no such job is registered or the scheduler is stopping. Thread-safe.
    /// </summary>
    public bool Wake(string name)
    {
        if (!_jobs.TryGetValue(name, out var entry) || Volatile.Read(ref _disposed) == 1)
        {
            return false;
        }

        var ct = _stop.Token;
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await RunExclusiveAsync(entry.Job, entry.Gate, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    LogJobFailed(e, entry.Job.Name);
                }
            },
            CancellationToken.None);
        return true;
    }

    private int _disposed;

    /// <summary>Stops every loop and waits for running jobs to end. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_loops);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync(IScheduledJob job, SemaphoreSlim gate, TimeSpan interval, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, ct);
                await RunExclusiveAsync(job, gate, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogJobFailed(e, job.Name);
            }
        }
    }

    /// <summary>One run of <paramref name="job"/>, never concurrent with another run of it.</summary>
    private static async Task RunExclusiveAsync(IScheduledJob job, SemaphoreSlim gate, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            await job.RunAsync(ct);
        }
        finally
        {
            gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background job {Job} failed; it runs again at its next interval")]
    private partial void LogJobFailed(Exception exception, string job);
}
