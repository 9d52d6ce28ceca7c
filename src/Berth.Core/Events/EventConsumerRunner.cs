using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Core.Events;

/// <summary>
/// Runs every registered <see cref="IEventConsumer"/> in its own loop: read a bounded batch after the consumer's
/// cursor, hand it over, advance the cursor (saved at most every <see cref="EventOptions.CursorSaveInterval"/> under
/// load, and whenever the consumer goes idle or stops). An idle loop sleeps until an in-process append (<see cref="EventSignal"/>)
/// or the poll interval; a failed batch is retried after <see cref="EventOptions.RetryDelay"/>. Start once; dispose
/// to stop (a batch being handled is cancelled and handed again at the next start).
/// </summary>
public sealed partial class EventConsumerRunner(
    IEnumerable<IEventConsumer> consumers,
    IEventOutbox outbox,
    EventSignal signal,
    IOptions<EventOptions> options,
    TimeProvider time,
    ILogger<EventConsumerRunner> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private int _disposed;

    public void Start()
    {
        foreach (var consumer in consumers)
        {
            _loops.Add(Task.Run(() => LoopAsync(consumer, _stop.Token)));
        }
    }

    /// <summary>Stops every loop and waits for them to end. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        _stop.Dispose();
    }

    private async Task LoopAsync(IEventConsumer consumer, CancellationToken ct)
    {
        var settings = options.Value;
        long? cursor = null;
        long saved = 0;
        var savedAt = time.GetTimestamp();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    if (cursor is null)
                    {
                        cursor = saved = await outbox.OpenCursorAsync(consumer.Name, ct);
                    }

                    var wake = signal.Next;
                    var batch = await outbox.ReadAsync(cursor.Value, settings.BatchSize, ct);
                    if (batch.Count == 0)
                    {
                        (saved, savedAt) = await SaveAsync(consumer.Name, cursor.Value, saved, savedAt);
                        if (await Task.WhenAny(wake, Task.Delay(settings.PollInterval, time, ct)) == wake && settings.WakeDelay > TimeSpan.Zero)
                        {
                            await Task.Delay(settings.WakeDelay, time, ct);
                        }

                        continue;
                    }

                    await consumer.HandleAsync(batch, ct);
                    cursor = batch[^1].Id;
                    if (time.GetElapsedTime(savedAt) >= settings.CursorSaveInterval)
                    {
                        (saved, savedAt) = await SaveAsync(consumer.Name, cursor.Value, saved, savedAt);
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    LogBatchFailed(e, consumer.Name, cursor ?? 0);
                    try
                    {
                        await Task.Delay(settings.RetryDelay, time, ct);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            // Handled batches are recorded even while stopping, so a graceful stop hands nothing out twice.
            if (cursor is { } last && last > saved)
            {
                try
                {
                    await outbox.AdvanceCursorAsync(consumer.Name, last, CancellationToken.None);
                }
                catch (Exception e)
                {
                    LogBatchFailed(e, consumer.Name, last);
                }
            }
        }
    }

    private async Task<(long Saved, long SavedAt)> SaveAsync(string consumer, long cursor, long saved, long savedAt)
    {
        if (cursor <= saved)
        {
            return (saved, savedAt);
        }

        await outbox.AdvanceCursorAsync(consumer, cursor, CancellationToken.None);
        return (cursor, time.GetTimestamp());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Event consumer {Consumer} failed on the events after {Cursor}; retrying")]
    private partial void LogBatchFailed(Exception exception, string consumer, long cursor);
}
