namespace Berth.Core.Events;

/// <summary>
/// What an event is about. Manifest events carry the manifest's media type, size (also reported as
/// <see cref="Length"/>, as ACR does) and digest; <see cref="Tag"/> is set for a push by tag and an untag.
/// Events about a whole repository carry only <see cref="Repository"/>.
/// </summary>
public sealed record EventTarget(string Repository, string? Digest = null, string? MediaType = null, long? Size = null, string? Tag = null)
{
    public long? Length => Size;
}

/// <summary>The HTTP request that caused an event (all null for jobs). Never holds credentials.</summary>
public sealed record EventRequest(string? Id, string? Host, string? Method, string? UserAgent);

/// <summary>
/// An event to append: <see cref="Action"/> is an open string (see <see cref="EventActions"/>), so new kinds need
/// no schema change. <see cref="Data"/> is optional JSON for action-specific detail (scan summaries and the like).
/// </summary>
public sealed record NewEvent(long RegistryId, string Action, EventTarget Target, EventRequest? Request = null, string? Actor = null, string? Data = null)
{
    /// <summary>This event with the request and actor of <paramref name="origin"/> where it has none of its own.</summary>
    public NewEvent WithOrigin(EventOrigin? origin) =>
        origin is null ? this : this with { Request = Request ?? origin.Request, Actor = Actor ?? origin.Actor };
}

/// <summary>
/// A stored event. <see cref="Id"/> is assigned at append, grows strictly and is never reused; events become
/// visible to readers in id order (an event with a lower id is never committed after one with a higher id).
/// </summary>
public sealed record RegistryEvent(
    long Id,
    long RegistryId,
    DateTimeOffset Timestamp,
    string Action,
    EventTarget Target,
    EventRequest? Request,
    string? Actor,
    string? Data);
