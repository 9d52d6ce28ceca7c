using Berth.Tests.Shared;

namespace Berth.Interop.Tests.Infrastructure;

/// <summary>
/// <see cref="InteropFixture"/> plus a podman whose whole state (storage, run dir, locks, events, networks)
/// lives under ROOT, configured as /work/shared/engine.md prescribes for this machine kind. Teardown
/// removes containers, kills the conmons podman left in ROOT, and resets that store.
/// </summary>
public sealed class PodmanFixture : InteropFixture
{
    private static readonly TimeSpan PodmanTimeout = TimeSpan.FromSeconds(90);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        PodmanConfig.Write(Root, storageDriver: "overlay");
        Environment = new Dictionary<string, string>(Environment)
        {
            ["CONTAINERS_CONF"] = Path.Combine(Root, "containers.conf"),
            ["CONTAINERS_STORAGE_CONF"] = Path.Combine(Root, "storage.conf"),
        };
    }

    public Task<ProcessResult> PodmanAsync(params string[] args) => ProcessRunner.RunAsync("podman", args, Environment, PodmanTimeout);

    /// <summary><c>127.0.0.1:PORT/repo:tag</c> — podman's image reference form.</summary>
    public string ImageRef(string repo, string tag) => $"{Registry}/{repo}:{tag}";

    public override async Task DisposeAsync()
    {
        try
        {
            // Removing twice: a container sharing another's namespace can block the first pass.
            for (var pass = 0; pass < 2; pass++)
            {
                await PodmanAsync("rm", "--all", "--force");
                var left = await PodmanAsync("ps", "--all", "--quiet");
                if (left.ExitCode == 0 && string.IsNullOrWhiteSpace(left.StdOut))
                {
                    break;
                }
            }

            KillConmonsUnderRoot();
            await PodmanAsync("system", "reset", "--force");
            KillConmonsUnderRoot();
            await UnmountUnderRootAsync();
        }
        finally
        {
            await base.DisposeAsync();
        }
    }

    /// <summary>
    /// A reset that races podman's own overlay probe can leave a mount (seen: storage/overlay/metacopy-check*/merged),
    /// and a mounted directory cannot be deleted. Innermost first.
    /// </summary>
    private async Task UnmountUnderRootAsync()
    {
        var mounts = File.ReadAllLines("/proc/self/mounts")
            .Select(line => line.Split(' ')[1])
            .Where(point => point.StartsWith(Root + "/", StringComparison.Ordinal))
            .OrderByDescending(point => point.Length);
        foreach (var point in mounts)
        {
            await ProcessRunner.RunAsync("umount", [point]);
        }
    }

    /// <summary>
    /// conmon outlives its container (for exec it lingers ~300 s) and would later recreate the store we
    /// are deleting. Only conmons whose command line points into this fixture's ROOT are ours to kill.
    /// </summary>
    private void KillConmonsUnderRoot()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            string[] argv;
            try
            {
                argv = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // The process exited while we looked.
            }

            if (Path.GetFileName(argv[0]) == "conmon" && argv.Any(a => a.Contains(Root, StringComparison.Ordinal)))
            {
                try
                {
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }
        }
    }
}
