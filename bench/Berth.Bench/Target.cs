namespace Berth.Bench;

/// <summary>
/// One server under test (a registry, or nginx serving the same blob files) and its samples. Scenarios add
/// one sample per round; <see cref="Finish"/> reduces each metric to the median of its rounds.
/// </summary>
internal sealed class Target(string label, RegistryClient client, Func<string, string, Uri> blobUri, int? pid = null)
{
    private readonly Dictionary<string, (List<double> Values, string Unit)> _samples = new(StringComparer.Ordinal);
    private readonly List<(string Stage, double MiB)> _peaks = [];

    public string Label => label;

    public RegistryClient Client => client;

    /// <summary>Where a blob of a repository is fetched from: the registry's blob URL, or the file's path under nginx.</summary>
    public Uri BlobUri(string repository, string digest) => blobUri(repository, digest);

    /// <summary>Notes the server's peak RSS so far (VmHWM) after a stage, when its process id is known.</summary>
    public void NotePeakRss(string stage)
    {
        var status = pid is { } id ? $"/proc/{id}/status" : null;
        if (status is null || !File.Exists(status))
        {
            return;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        if (line is not null && long.TryParse(line["VmHWM:".Length..].Trim().Split(' ')[0], out var kib))
        {
            _peaks.Add((stage, kib / 1024.0));
            Console.WriteLine($"  [{label,-9}] peak RSS after {stage,-21} {kib / 1024.0,12:F1} MiB");
        }
    }

    public void Add(string metric, double value, string unit)
    {
        if (!_samples.TryGetValue(metric, out var entry))
        {
            entry = ([], unit);
            _samples[metric] = entry;
        }

        entry.Values.Add(value);
        Console.WriteLine($"  [{label,-9}] {metric,-30} {value,12:F2} {unit}");
    }

    public Results Finish()
    {
        var results = new Results();
        results.Notes["label"] = label;
        results.Notes["url"] = client.BaseUri.AbsoluteUri;
        foreach (var (metric, (values, _)) in _samples)
        {
            results.Metrics[metric] = Math.Round(Workers.Median(values), 2);
            results.Notes[metric] = string.Join(" ", values.Select(v => v.ToString("F2")));
        }

        results.Notes["peak_rss_by_stage"] = string.Join(", ", _peaks.Select(p => $"{p.Stage} {p.MiB:F0}"));
        return results;
    }

    /// <summary>
    /// Runs <paramref name="body"/> for each target, <paramref name="rounds"/> times, alternating the order every
    /// round, so that whatever else the machine is doing falls on all targets alike.
    /// </summary>
    public static async Task RoundsAsync(IReadOnlyList<Target> targets, int rounds, Func<Target, int, Task> body)
    {
        for (var round = 0; round < rounds; round++)
        {
            foreach (var target in round % 2 == 0 ? targets : targets.Reverse())
            {
                await body(target, round);
            }
        }
    }
}
