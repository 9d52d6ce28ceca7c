namespace Berth.Tests.Shared;

/// <summary>
/// Writes the isolated podman configuration that /work/shared/engine.md prescribes for this machine kind into
/// a test's own ROOT: runc (crun rejects hybrid cgroups), cgroupfs (no systemd), explicit netavark (a CNI
/// fallback would add a second 10.88/16 route), limits runc can apply without CAP_SYS_RESOURCE, and
/// <c>lock_type = "file"</c> so locks live in ROOT, not in the machine-wide shared-memory segment.
/// Linked into every test project that drives podman.
/// </summary>
internal static class PodmanConfig
{
    /// <summary>Creates ROOT's directories and writes <c>containers.conf</c> and <c>storage.conf</c>.</summary>
    public static void Write(string root, string storageDriver)
    {
        foreach (var dir in new[] { "networks", "logs", "libpod-tmp", "storage", "run" })
        {
            Directory.CreateDirectory(Path.Combine(root, dir));
        }

        File.WriteAllText(Path.Combine(root, "containers.conf"), $"""
            [containers]
            default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
            log_driver = "k8s-file"

            [network]
            network_backend = "netavark"
            network_config_dir = "{root}/networks"

            [engine]
            runtime = "runc"
            cgroup_manager = "cgroupfs"
            events_logger = "file"
            events_logfile_path = "{root}/logs/events.log"
            tmp_dir = "{root}/libpod-tmp"
            lock_type = "file"
            """);
        File.WriteAllText(Path.Combine(root, "storage.conf"), $"""
            [storage]
            driver = "{storageDriver}"
            graphroot = "{root}/storage"
            runroot = "{root}/run"
            """);
    }
}
