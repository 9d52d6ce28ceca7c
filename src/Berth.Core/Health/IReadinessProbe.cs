namespace Berth.Core.Health;

/// <summary>
/// One readiness condition (database, storage). <see cref="CheckAsync"/> returns null when ready, else a reason
/// fit for an operator (no secrets, no stack traces); it never throws for the condition it checks. Thread-safe.
/// </summary>
public interface IReadinessProbe
{
    /// <summary>Stable short name (<c>database</c>, <c>storage</c>).</summary>
    string Name { get; }

    Task<string?> CheckAsync(CancellationToken ct);
}
