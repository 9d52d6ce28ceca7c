namespace Berth.Core.Events;

/// <summary>
/// A consumer of the outbox, run by <see cref="EventConsumerRunner"/> with its own persistent cursor. Register it as
/// a singleton <see cref="IEventConsumer"/>. Delivery is at least once: a batch is handed again after a crash or
/// when <see cref="HandleAsync"/> throws, so handling must be idempotent (the event id identifies an event).
/// </summary>
public interface IEventConsumer
{
    /// <summary>Unique, stable name: the cursor's key. Renaming a consumer starts it again from the oldest event kept.</summary>
    string Name { get; }

    /// <summary>Handles events in id order. Throwing retries the whole batch after a delay.</summary>
    Task HandleAsync(IReadOnlyList<RegistryEvent> batch, CancellationToken ct);
}
