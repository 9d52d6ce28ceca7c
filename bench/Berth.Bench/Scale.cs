namespace Berth.Bench;

/// <summary>Sizes, counts and time limits of every scenario; <see cref="Quick"/> is a smoke run of the same code.</summary>
internal sealed record Scale
{
    public int LargeBytes { get; init; } = 512 << 20;
    public int LargeRuns { get; init; } = 5;
    public int LargePullRuns { get; init; } = 5;
    public int ChunkBytes { get; init; } = 16 << 20;
    public int SmallCount { get; init; } = 2000;
    public int SmallBytes { get; init; } = 64 << 10;
    public int SmallWorkers { get; init; } = 16;
    public int PullBlobCount { get; init; } = 100;
    public int PullBlobBytes { get; init; } = 1 << 20;
    public int PullWorkers { get; init; } = 32;
    public TimeSpan PullDuration { get; init; } = TimeSpan.FromSeconds(10);
    public int PullRounds { get; init; } = 2;
    public int WrkConnections { get; init; } = 64;
    public int WrkThreads { get; init; } = 2;
    public TimeSpan WrkDuration { get; init; } = TimeSpan.FromSeconds(10);
    public int WrkRounds { get; init; } = 2;
    public int ManifestPuts { get; init; } = 500;
    public int TagCount { get; init; } = 5000;
    public int RepoCount { get; init; } = 2000;
    public int SeedWorkers { get; init; } = 16;
    public TimeSpan ListDuration { get; init; } = TimeSpan.FromSeconds(5);
    public int ListMaxRuns { get; init; } = 200;

    /// <summary>Upper bound on any one scenario's loop, whatever the server does.</summary>
    public TimeSpan ScenarioLimit { get; init; } = TimeSpan.FromMinutes(3);

    public static Scale Full { get; } = new();

    public static Scale Quick { get; } = new()
    {
        LargeBytes = 32 << 20,
        LargeRuns = 1,
        LargePullRuns = 2,
        ChunkBytes = 4 << 20,
        SmallCount = 200,
        PullBlobCount = 20,
        PullDuration = TimeSpan.FromSeconds(2),
        WrkDuration = TimeSpan.FromSeconds(2),
        ManifestPuts = 50,
        TagCount = 300,
        RepoCount = 100,
        ListDuration = TimeSpan.FromSeconds(1),
        PullRounds = 1,
        WrkRounds = 1,
    };
}
