using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Berth.Interop.Tests.Infrastructure;

/// <summary>The outcome of one external command, kept whole so a failed assertion can show everything the tool said.</summary>
public sealed record ProcessResult(string Command, int ExitCode, byte[] StdOutBytes, string StdErr, TimeSpan Elapsed)
{
    public string StdOut => Encoding.UTF8.GetString(StdOutBytes);

    public string Describe() =>
        $"`{Command}` exited {ExitCode} after {Elapsed.TotalSeconds:F1}s\n--- stdout ---\n{Truncate(StdOut)}\n--- stderr ---\n{Truncate(StdErr)}";

    /// <summary>Fails the test with the full command output unless the command exited 0.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            Assert.Fail(Describe());
        }

        return this;
    }

    // Tool output can be a whole manifest or a progress log; keep assertion messages readable.
    private static string Truncate(string text) => text.Length <= 8000 ? text : text[..8000] + "\n…(truncated)";
}

/// <summary>
/// Runs real client tools (skopeo, podman). A missing tool fails the test rather than skipping it:
/// scripts/test.sh installs them, so absence means the environment is broken, not that the test does not apply.
/// </summary>
public static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<ProcessResult> RunAsync(
        string file,
        IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var command = file + " " + string.Join(' ', args);
        using var process = new Process { StartInfo = info };
        var watch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"cannot start `{file}` ({e.Message}); it must be installed — scripts/test.sh installs the Debian packages the interop tests use");
        }

        // Closed stdin: a tool that unexpectedly prompts must fail, not hang until the timeout.
        process.StandardInput.Close();
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var copyErr = process.StandardError.BaseStream.CopyToAsync(stderr);
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await Task.WhenAny(Task.WhenAll(copyOut, copyErr), Task.Delay(TimeSpan.FromSeconds(5)));
            var partial = new ProcessResult(command, -1, stdout.ToArray(), Encoding.UTF8.GetString(stderr.ToArray()), watch.Elapsed);
            Assert.Fail($"timed out after {(timeout ?? DefaultTimeout).TotalSeconds}s and was killed: {partial.Describe()}");
        }

        // A daemon the tool leaves behind (podman's conmon) can inherit the pipes and keep them open;
        // the tool itself has exited, so do not wait for them forever.
        await Task.WhenAny(Task.WhenAll(copyOut, copyErr), Task.Delay(TimeSpan.FromSeconds(5)));
        return new ProcessResult(command, process.ExitCode, stdout.ToArray(), Encoding.UTF8.GetString(stderr.ToArray()), watch.Elapsed);
    }
}
