using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Core.Events;

/// <summary>
/// Runs every registered <see cref="IEventConsumer"/> in its own loop: read a bounded batch after the consumer's
/// cursor, hand it over, advance the cursor. An idle loop sleeps until an in-process append (<see cref="EventSignal"/>)
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
        while (!ct.IsCancellationRequested)
        {
            try
            {
                cursor ??= await outbox.OpenCursorAsync(consumer.Name, ct);
                var wake = signal.Next;
                var batch = await outbox.ReadAsync(cursor.Value, settings.BatchSize, ct);
                if (batch.Count == 0)
                {
                    await Task.WhenAny(wake, Task.Delay(settings.PollInterval, time, ct));
                    continue;
                }

                await consumer.HandleAsync(batch, ct);

                // A handled batch is recorded even while stopping, so a graceful stop hands nothing out twice.
                await outbox.AdvanceCursorAsync(consumer.Name, batch[^1].Id, CancellationToken.None);
                cursor = batch[^1].Id;
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Event consumer {Consumer} failed on the events after {Cursor}; retrying")]
    private partial void LogBatchFailed(Exception exception, string consumer, long cursor);
}
