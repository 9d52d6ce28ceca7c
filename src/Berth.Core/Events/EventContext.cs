namespace Berth.Core.Events;

/// <summary>Who and which request caused the changes made in the current flow.</summary>
public sealed record EventOrigin(EventRequest? Request, string? Actor);

/// <summary>
/// Ambient <see cref="EventOrigin"/> (an <see cref="AsyncLocal{T}"/>): the metadata contracts take no request
/// facts, yet the events they append in their transactions name the request and actor. The HTTP layer wraps each
/// authorized request in <see cref="Use"/>; stores read <see cref="Current"/> on the caller's flow, before handing
/// work to a writer thread. Without a scope events have no request and no actor (jobs).
/// </summary>
public static class EventContext
{
    private static readonly AsyncLocal<EventOrigin?> Ambient = new();

    public static EventOrigin? Current => Ambient.Value;

    /// <summary>Sets the origin for the calling flow until the returned scope is disposed.</summary>
    public static IDisposable Use(EventOrigin origin)
    {
        var previous = Ambient.Value;
        Ambient.Value = origin;
        return new Scope(previous);
    }

    private sealed class Scope(EventOrigin? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
