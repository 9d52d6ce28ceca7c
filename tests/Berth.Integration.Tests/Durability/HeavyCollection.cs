namespace Berth.Integration.Tests.Durability;

/// <summary>
/// The load-heavy tests (crash rounds, GC under concurrent pushes) run one after the other rather than at the
/// same time, so neither starves the other of CPU; the GC test's grace-period margin depends on that.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HeavyCollection
{
    public const string Name = "Durability: heavy load";
}
