using System.Collections.Concurrent;
using Berth.Core.Events;
using Berth.Core.Metadata;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Berth.Metadata.Sqlite.Tests.Events;

/// <summary>The consumer runner over the real SQLite outbox: order, cursors, retries, restarts.</summary>
public sealed class ConsumerRunnerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    private EventConsumerRunner Runner(params IEventConsumer[] consumers) => new(
        consumers,
        db.Outbox,
        db.Signal,
        Options.Create(new EventOptions { PollInterval = TimeSpan.FromMinutes(5), RetryDelay = TimeSpan.FromMilliseconds(50), BatchSize = 3 }),
        TimeProvider.System,
        NullLogger<EventConsumerRunner>.Instance);

    private Task<long> Append(string repository) =>
        db.Outbox.AppendAsync(new NewEvent(RegistryIds.Default, EventActions.Import, new EventTarget(repository)), TestDatabase.Ct);

    [Fact]
    public async Task Consumers_get_every_event_in_order_woken_by_appends_and_advance_their_own_cursors()
    {
        var first = new Recorder("first");
        var second = new Recorder("second");
        await using (var runner = Runner(first, second))
        {
            runner.Start();
            for (var i = 0; i < 7; i++)
            {
                await Append("r" + i);
            }

            // The poll interval is five minutes: only the in-process wake-up can deliver these in time.
            await first.WaitForAsync(7);
            await second.WaitForAsync(7);
        }

        var expected = Enumerable.Range(0, 7).Select(i => "r" + i).ToList();
        Assert.Equal(expected, first.Repositories);
        Assert.Equal(expected, second.Repositories);
        Assert.All(first.Batches, b => Assert.InRange(b, 1, 3));
        var last = (await db.Outbox.ReadAsync(0, 100, TestDatabase.Ct))[^1].Id;
        Assert.Equal(last, await db.Outbox.OpenCursorAsync("first", TestDatabase.Ct));
    }

    [Fact]
    public async Task A_failed_batch_is_handed_again_and_a_restart_resumes_after_the_cursor()
    {
        await Append("a");
        await Append("b");
        var flaky = new Recorder("flaky", failures: 2);
        await using (var runner = Runner(flaky))
        {
            runner.Start();
            await flaky.WaitForAsync(2);
        }

        Assert.Equal(["a", "b"], flaky.Repositories);
        Assert.Equal(3, flaky.Attempts);

        await Append("c");
        var restarted = new Recorder("flaky");
        await using (var runner = Runner(restarted))
        {
            runner.Start();
            await restarted.WaitForAsync(1);
        }

        Assert.Equal(["c"], restarted.Repositories);
    }

    private sealed class Recorder(string name, int failures = 0) : IEventConsumer
    {
        private readonly ConcurrentQueue<string> _seen = new();
        private readonly ConcurrentQueue<int> _batches = new();
        private int _failures = failures;
        private int _attempts;

        public string Name => name;

        public List<string> Repositories => [.. _seen];

        public List<int> Batches => [.. _batches];

        public int Attempts => _attempts;

        public Task HandleAsync(IReadOnlyList<RegistryEvent> batch, CancellationToken ct)
        {
            Interlocked.Increment(ref _attempts);
            if (Interlocked.Decrement(ref _failures) >= 0)
            {
                throw new InvalidOperationException("receiver down");
            }

            _batches.Enqueue(batch.Count);
            foreach (var e in batch)
            {
                _seen.Enqueue(e.Target.Repository);
            }

            return Task.CompletedTask;
        }

        public async Task WaitForAsync(int count)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (_seen.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{name} saw {_seen.Count} of {count} events");
                await Task.Delay(20);
            }
        }
    }
}
