using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>
/// The real <c>berth</c> executable in its own process (<c>dotnet berth.dll</c> from the test output, where the
/// referenced Berth.Cli project copies it). <see cref="StartAsync"/> waits for the ready line and learns the
/// URL from it; <see cref="Kill"/> is <c>kill -9</c>, so tests can restart on the same data directory and see
/// what a crash leaves behind.
/// </summary>
public sealed partial class BerthProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource<Uri> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _readers;

    private BerthProcess(Process process)
    {
        _process = process;
        _readers = Task.WhenAll(ReadAsync(process.StandardOutput, _stdout, detectReady: true), ReadAsync(process.StandardError, _stderr, detectReady: false));
    }

    /// <summary>Path of berth.dll next to the test assembly.</summary>
    public static string BerthDll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "berth.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("berth.dll is not in the test output; the test project must reference Berth.Cli", path);
        }
    }

    public Uri BaseAddress { get; private set; } = null!;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> StandardOutput => [.. _stdout];

    public IReadOnlyList<string> StandardError => [.. _stderr];

    /// <summary>Starts <c>berth serve --listen 127.0.0.1:0 --data DIR</c> plus <paramref name="extraArgs"/> and waits until it is ready.</summary>
    public static async Task<BerthProcess> StartAsync(string dataDirectory, IEnumerable<string>? extraArgs = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var berth = new BerthProcess(Launch(["serve", "--listen", "127.0.0.1:0", "--data", dataDirectory, .. extraArgs ?? []], environment));
        try
        {
            var exited = berth._process.WaitForExitAsync();
            var first = await Task.WhenAny(berth._ready.Task, exited, Task.Delay(ReadyTimeout));
            if (first != berth._ready.Task)
            {
                await Task.WhenAny(berth._readers, Task.Delay(2000));
                throw new InvalidOperationException(
                    (first == exited ? $"berth exited with {berth._process.ExitCode} before it was ready" : "berth did not become ready in time")
                    + $"{Environment.NewLine}stdout:{Environment.NewLine}{string.Join(Environment.NewLine, berth._stdout)}"
                    + $"{Environment.NewLine}stderr:{Environment.NewLine}{string.Join(Environment.NewLine, berth._stderr)}");
            }

            berth.BaseAddress = await berth._ready.Task;
            return berth;
        }
        catch
        {
            await berth.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <c>berth ARGS</c> to completion (e.g. <c>gc</c>, <c>serve --help</c>).</summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        await using var berth = new BerthProcess(Launch(args, environment));
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await berth._process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"berth {string.Join(' ', args)} did not exit; stdout: {string.Join(Environment.NewLine, berth._stdout)}");
        }

        await berth._readers;
        return new CliResult(berth._process.ExitCode, string.Join('\n', berth._stdout), string.Join('\n', berth._stderr));
    }

    /// <summary>A client authenticated as the bootstrapped Owner.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = BerthServerFixture.Basic(BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword);
        return client;
    }

    /// <summary>SIGKILL of the whole process tree: no shutdown code runs, exactly like a crash or OOM kill.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM (what systemd and docker stop send) and waits for a graceful exit; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        await _readers;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            await Task.WhenAny(_readers, Task.Delay(5000));
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private static Process Launch(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        // The dotnet host that runs the tests (set by the dotnet CLI); plain "dotnet" from PATH otherwise.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(BerthDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // Nothing from the test runner's environment may configure the server behind the test's back.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("BERTH__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";

        // Nothing is open by default: servers bootstrap the fixture's Owner, and CLI commands log in as it.
        info.Environment["BERTH__IDENTITY__INITIALOWNERPASSWORD"] = BerthServerFixture.OwnerPassword;
        info.Environment["BERTH__IDENTITY__PASSWORDHASHITERATIONS"] = "1000";
        info.Environment["BERTH_USERNAME"] = BerthServerFixture.OwnerUsername;
        info.Environment["BERTH_PASSWORD"] = BerthServerFixture.OwnerPassword;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            // An empty value unsets a variable (e.g. to let the server generate the Owner's password).
            if (v.Length == 0)
            {
                info.Environment.Remove(k);
            }
            else
            {
                info.Environment[k] = v;
            }
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }

    private async Task ReadAsync(StreamReader reader, ConcurrentQueue<string> lines, bool detectReady)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Enqueue(line);
            if (detectReady && ReadyLine().Match(line) is { Success: true } m)
            {
                _ready.TrySetResult(new Uri(m.Groups["url"].Value));
            }
        }
    }

    [GeneratedRegex(@"Berth is ready: listening on (?<url>https?://[^\s,]+)")]
    public static partial Regex ReadyLine();
}

public sealed record CliResult(int ExitCode, string StdOut, string StdErr);
