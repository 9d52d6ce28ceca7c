using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Berth.Bench.Scenarios;

/// <summary>Runs <c>wrk --latency</c> (a C load generator, so the client costs little CPU) and parses its summary.</summary>
internal sealed partial class Wrk(string executable, Scale scale)
{
    public sealed record Summary(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors);

    public async Task<Summary> RunAsync(Uri uri, string method, IReadOnlyList<string> headers, TimeSpan duration, CancellationToken ct)
    {
        var script = Path.Combine(Path.GetTempPath(), $"berth-bench-{Environment.ProcessId}-{method}.lua");
        await File.WriteAllTextAsync(script, $"wrk.method = \"{method}\"\n", ct);
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "-t", scale.WrkThreads.ToString(CultureInfo.InvariantCulture),
                "-c", scale.WrkConnections.ToString(CultureInfo.InvariantCulture),
                "-d", $"{(int)duration.TotalSeconds}s", "--timeout", "5s", "--latency", "-s", script,
            })
            {
                start.ArgumentList.Add(arg);
            }

            foreach (var header in headers)
            {
                start.ArgumentList.Add("-H");
                start.ArgumentList.Add(header);
            }

            start.ArgumentList.Add(uri.AbsoluteUri);
            using var process = Process.Start(start) ?? throw new BenchException($"could not start {executable}");
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(duration + TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(deadline.Token);
            var output = await stdout;
            if (process.ExitCode != 0)
            {
                throw new BenchException($"wrk exited {process.ExitCode}: {await stderr}{output}");
            }

            return Parse(output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    internal static Summary Parse(string output)
    {
        var rps = Number(RequestsPerSecond().Match(output), "Requests/sec");
        var requests = (long)Number(RequestCount().Match(output), "requests in");
        var non2xx = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrors().Match(output) is { Success: true } s
            ? Enumerable.Range(1, 4).Sum(g => long.Parse(s.Groups[g].Value, CultureInfo.InvariantCulture))
            : 0;
        return new Summary(rps, Percentile(output, "50%"), Percentile(output, "99%"), requests, non2xx + socket);
    }

    private static double Percentile(string output, string label)
    {
        var match = Regex.Match(output, $@"^\s+{Regex.Escape(label)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = Number(match, label);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static double Number(Match match, string what) => match.Success
        ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
        : throw new BenchException($"wrk output has no '{what}' line");

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestCount();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
