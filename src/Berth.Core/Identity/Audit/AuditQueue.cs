using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Berth.Core.Identity.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Core.Identity.Audit;

/// <summary>
/// Data-plane audit records (push, pull, untag, delete) without a database write on the request path: requests
/// <see cref="TryEnqueue"/> into a bounded in-memory queue and a single background writer (<see cref="RunAsync"/>)
/// appends whatever has queued up in one transaction per batch, in arrival order, extending the hash chain.
/// When the queue is full the record is dropped — requests never wait for the audit writer — and the drop is
/// counted (<c>berth.audit.dropped</c>) and logged. Records still queued when the process is killed are lost;
/// a graceful stop drains the queue first. Thread-safe.
/// </summary>
public sealed partial class AuditQueue
{
    public const string MeterName = "Berth.Audit";
    private const int MaxBatch = 2048;

    // After a write the writer lets records gather briefly instead of waking for each one: under a pull storm
    // that means a few large transactions a second rather than thousands of small wake-ups competing with requests.
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(10);

    private readonly Channel<AuditEntry> _channel;
    private readonly IAuditStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditQueue> _logger;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _written;
    private long _droppedSinceWarning;
    private long _lastWarning;
    private int _writing; // 1 while a batch is taken off the queue and not yet stored (FlushAsync waits for it)

    public AuditQueue(IAuditStore store, IOptions<AuditOptions> options, IMeterFactory meters, TimeProvider time, ILogger<AuditQueue> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _channel = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: a full queue refuses instead of evicting
            SingleReader = true,
            SingleWriter = false,
        });
        var meter = meters.Create(MeterName);
        _dropped = meter.CreateCounter<long>("berth.audit.dropped", "{record}", "Data-plane audit records dropped because the queue was full or the database refused them");
        _written = meter.CreateCounter<long>("berth.audit.written", "{record}", "Data-plane audit records written by the background writer");
        meter.CreateObservableGauge("berth.audit.queue.length", () => _channel.Reader.Count, "{record}", "Data-plane audit records waiting to be written");
    }

    /// <summary>Queues <paramref name="entry"/>; never blocks. False (and counted) when the queue is full or stopped.</summary>
    public bool TryEnqueue(AuditEntry entry)
    {
        if (_channel.Writer.TryWrite(entry))
        {
            return true;
        }

        Dropped(1);
        return false;
    }

    /// <summary>Writes batches until <paramref name="ct"/> is cancelled, then writes what is still queued and returns.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var reader = _channel.Reader;
        var batch = new List<AuditEntry>(MaxBatch);
        try
        {
            while (await reader.WaitToReadAsync(ct))
            {
                await DrainAsync(batch, CancellationToken.None);
                await Task.Delay(Linger, _time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }

        _channel.Writer.TryComplete();
        await DrainAsync(batch, CancellationToken.None);
    }

    /// <summary>Waits until everything queued before the call has been written (tests, shutdown of a caller).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        while (_channel.Reader.Count > 0 || Volatile.Read(ref _writing) != 0)
        {
            await Task.Delay(10, ct);
        }
    }

    private async Task DrainAsync(List<AuditEntry> batch, CancellationToken ct)
    {
        while (true)
        {
            Interlocked.Exchange(ref _writing, 1);
            try
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _channel.Reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                }

                if (batch.Count == 0)
                {
                    return;
                }

                await WriteAsync(batch, ct);
            }
            finally
            {
                Interlocked.Exchange(ref _writing, 0);
            }
        }
    }

    private async Task WriteAsync(List<AuditEntry> batch, CancellationToken ct)
    {
        // One retry covers a transient lock or I/O error; a database that keeps failing must not grow memory.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _store.AppendBatchAsync(batch, ct);
                _written.Add(batch.Count);
                return;
            }
            catch (Exception e) when (attempt < 2)
            {
                LogWriteRetry(e, batch.Count);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, ct);
            }
            catch (Exception e)
            {
                LogWriteFailed(e, batch.Count);
                Dropped(batch.Count);
                return;
            }
        }
    }

    private void Dropped(long count)
    {
        _dropped.Add(count);
        Interlocked.Add(ref _droppedSinceWarning, count);
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarning);
        if ((last == 0 || _time.GetElapsedTime(last, now) >= WarningInterval) && Interlocked.CompareExchange(ref _lastWarning, now, last) == last)
        {
            LogDropped(Interlocked.Exchange(ref _droppedSinceWarning, 0));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit queue full or its writer failing: {Dropped} data-plane audit records dropped since the last warning")]
    private partial void LogDropped(long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} audit records failed; retrying once")]
    private partial void LogWriteRetry(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} audit records failed again; they are dropped and counted")]
    private partial void LogWriteFailed(Exception exception, int count);
}
