namespace Berth.Integration.Tests.Observability;

/// <summary>
/// The scrape tests run alone. Every in-process server's exporter listens to all <c>Berth.*</c> meters by name, so
/// while other test servers start and stop, their instruments (same names) join and leave this server's metric
/// streams; a production process has one server and no such neighbours.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Observability: metrics scrape";
}
