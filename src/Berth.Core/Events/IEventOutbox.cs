namespace Berth.Core.Events;

/// <summary>
/// The durable event outbox and its consumers' cursors. Registry changes append their events in the change's own
/// transaction (inside the metadata provider); <see cref="AppendAsync"/> is for events that stand alone. Consumers
/// read after their cursor and advance it once a batch is handled, so delivery is at least once and survives
/// restarts and crashes. Thread-safe; every method is one transaction; no method returns null.
/// </summary>
public interface IEventOutbox
{
    /// <summary>Appends one event in its own transaction and returns its id; wakes in-process consumers after commit.</summary>
    Task<long> AppendAsync(NewEvent newEvent, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> events with id greater than <paramref name="afterId"/>, oldest first.</summary>
    Task<IReadOnlyList<RegistryEvent>> ReadAsync(long afterId, int limit, CancellationToken ct);

    /// <summary>
    /// The consumer's cursor (the id of the last event it handled), creating it at 0 when the consumer is new, so
    /// retention keeps what the consumer has not seen yet.
    /// </summary>
    Task<long> OpenCursorAsync(string consumer, CancellationToken ct);

    /// <summary>Moves the consumer's cursor forward to <paramref name="eventId"/>; a lower id leaves it where it is.</summary>
    Task AdvanceCursorAsync(string consumer, long eventId, CancellationToken ct);

    /// <summary>
    /// Deletes events older than <paramref name="cutoff"/> that every cursor has passed; returns how many went.
    /// </summary>
    Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken ct);
}
