namespace Berth.Cli.Commands.Health;

/// <summary>How one check came out; <see cref="Fail"/> makes <c>berth check-health</c> exit non-zero.</summary>
internal enum HealthStatus
{
    Ok,
    Warn,
    Fail,
    Skipped,
}

/// <summary>One row of the report.</summary>
internal sealed record HealthCheck(string Name, HealthStatus Status, string Detail)
{
    public static HealthCheck Ok(string name, string detail) => new(name, HealthStatus.Ok, detail);

    public static HealthCheck Warn(string name, string detail) => new(name, HealthStatus.Warn, detail);

    public static HealthCheck Fail(string name, string detail) => new(name, HealthStatus.Fail, detail);

    public static HealthCheck Skip(string name, string detail) => new(name, HealthStatus.Skipped, detail);
}
