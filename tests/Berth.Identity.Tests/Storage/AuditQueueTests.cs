using System.Diagnostics.Metrics;
using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Stores;
using Berth.Identity.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Berth.Identity.Tests.Infrastructure.IdentityHarness;

namespace Berth.Identity.Tests.Storage;

/// <summary>The data-plane audit queue over the real SQLite store: bounded, never blocking, written in order.</summary>
public sealed class AuditQueueTests : IDisposable
{
    private readonly IdentityHarness h = new();
    private readonly OwnMeters meters = new();

    public void Dispose()
    {
        meters.Dispose();
        h.Dispose();
    }

    private AuditQueue NewQueue(int capacity) =>
        new(h.Get<IAuditStore>(), Options.Create(new AuditOptions { QueueCapacity = capacity }), meters, TimeProvider.System, NullLogger<AuditQueue>.Instance);

    private static AuditEntry Pull(int i) => new(T0.AddSeconds(i), "repository.pull", "usr_x", $"repo:{i}", "10.0.0.3", $"q{i}", true);

    [Fact]
    public async Task A_full_queue_refuses_and_counts_the_drop_and_the_writer_stores_the_rest_in_order()
    {
        var dropped = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (meters.Created.Contains(instrument.Meter) && instrument.Name == "berth.audit.dropped")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref dropped, value));
        listener.Start();
        var queue = NewQueue(16);

        var accepted = Enumerable.Range(0, 20).Select(i => queue.TryEnqueue(Pull(i))).ToList();
        using var stop = new CancellationTokenSource();
        var writer = queue.RunAsync(stop.Token);
        await queue.FlushAsync(Ct).WaitAsync(TimeSpan.FromMinutes(1));
        await stop.CancelAsync();
        await writer.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(16, accepted.Count(a => a));
        Assert.Equal(4, Interlocked.Read(ref dropped));
        var stored = await h.Audit.ReadAsync(0, 100, Ct);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => $"repo:{i}"), stored.Select(e => e.Target));
        Assert.True((await new AuditVerifier(h.Get<IAuditStore>()).VerifyAsync(Ct)).Valid);
    }

    [Fact]
    public async Task Stopping_the_writer_drains_what_is_queued()
    {
        var queue = NewQueue(1024);
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        for (var i = 0; i < 700; i++)
        {
            Assert.True(queue.TryEnqueue(Pull(i)));
        }

        await queue.RunAsync(stop.Token).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(700, (await h.Audit.ReadAsync(0, 1000, Ct)).Count);
        Assert.False(queue.TryEnqueue(Pull(701)));
    }

    private sealed class OwnMeters : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            lock (Created)
            {
                Created.Add(meter);
            }

            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Created)
            {
                meter.Dispose();
            }
        }
    }
}
