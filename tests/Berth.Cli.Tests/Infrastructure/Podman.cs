using System.Diagnostics;

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
        Directory.CreateDirectory(Path.Combine(Root, "networks"));
        Directory.CreateDirectory(Path.Combine(Root, "logs"));
        File.WriteAllText(Path.Combine(Root, "containers.conf"), $"""
            [containers]
            default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
            log_driver = "k8s-file"
            [network]
            network_backend = "netavark"
            network_config_dir = "{Root}/networks"
            [engine]
            runtime = "runc"
            cgroup_manager = "cgroupfs"
            events_logger = "file"
            events_logfile_path = "{Root}/logs/events.log"
            tmp_dir = "{Root}/libpod-tmp"
            """);
        File.WriteAllText(Path.Combine(Root, "storage.conf"), $"""
            [storage]
            driver = "vfs"
            graphroot = "{Root}/storage"
            runroot = "{Root}/run"
            """);
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
