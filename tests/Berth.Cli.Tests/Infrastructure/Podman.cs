using System.Diagnostics;
using Berth.Tests.Shared;

namespace Berth.Cli.Tests.Infrastructure;

/// <summary>
/// The podman CLI with configuration isolated in a temporary ROOT (see /work/shared/engine.md): its own
/// containers.conf, storage.conf (vfs: no kernel mounts to clean up) and registries.conf marking the test server
/// insecure. Dispose removes pulled images and the ROOT.
/// </summary>
public sealed class Podman : IDisposable
{
    public Podman(string insecureRegistry)
    {
        Root = Path.Combine(Path.GetTempPath(), "berth-podman-" + Guid.NewGuid().ToString("N"));
        // vfs: no kernel mounts to clean up after a pull-only test.
        PodmanConfig.Write(Root, storageDriver: "vfs");
        File.WriteAllText(Path.Combine(Root, "registries.conf"), $"""
            unqualified-search-registries = []
            [[registry]]
            location = "{insecureRegistry}"
            insecure = true
            """);
    }

    public string Root { get; }

    public static bool Installed => File.Exists("/usr/bin/podman") || File.Exists("/usr/local/bin/podman");

    /// <summary>Runs <c>podman args</c> with the isolated configuration and <paramref name="authFile"/> as REGISTRY_AUTH_FILE.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string? authFile, params string[] args)
    {
        var start = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["CONTAINERS_CONF"] = Path.Combine(Root, "containers.conf");
        start.Environment["CONTAINERS_STORAGE_CONF"] = Path.Combine(Root, "storage.conf");
        start.Environment["CONTAINERS_REGISTRIES_CONF"] = Path.Combine(Root, "registries.conf");
        start.Environment["REGISTRY_AUTH_FILE"] = authFile ?? Path.Combine(Root, "no-auth.json");
        // No Docker config fallback: only the auth file under test may supply credentials.
        start.Environment["DOCKER_CONFIG"] = Path.Combine(Root, "no-docker-config");
        start.Environment["HOME"] = Root;
        start.Environment.Remove("XDG_RUNTIME_DIR");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"podman {string.Join(' ', args)} did not finish in 3 minutes");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        try
        {
            RunAsync(null, "rmi", "--all", "--force").GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is TimeoutException or System.ComponentModel.Win32Exception)
        {
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
