namespace Berth.Bench.Reporting;

/// <summary>The rows of the results table and the target for each; Met is null where there is no target.</summary>
internal static class Rows
{
    internal sealed record Row(string Label, string Key, string Unit, string Target, Func<double, double, double, bool?> Met);

    private static Row AtLeast(string label, string key, string unit, double factor) =>
        new(label, key, unit, $"≥ {factor:0.#}× ref", (b, r, _) => Known(b, r) ? b >= factor * r : null);

    private static Row Below(string label, string key, double ms) =>
        new(label, key, "ms", $"< {ms:0} ms", (b, _, _) => double.IsNaN(b) ? null : b < ms);

    private static Row Info(string label, string key, string unit) => new(label, key, unit, "–", (_, _, _) => null);

    private static bool Known(params double[] values) => values.All(v => !double.IsNaN(v));

    public static IReadOnlyList<Row> Targets { get; } =
    [
        AtLeast("Manifest GET by tag, 64 conns (wrk)", "manifest_get_rps", "req/s", 5),
        Below("Manifest GET p99", "manifest_get_p99_ms", 10),
        AtLeast("Blob HEAD, 64 conns (.NET client)", "blob_head_rps", "req/s", 5),
        Below("Blob HEAD p99", "blob_head_p99_ms", 10),
        AtLeast("2,000 × 64 KiB blob pushes, 16 clients", "push_small_blobs_per_s", "blobs/s", 2),
        AtLeast("512 MiB push, monolithic (POST + PUT)", "push_large_monolithic_mibs", "MiB/s", 2),
        AtLeast("512 MiB push, chunked (16 MiB PATCHes)", "push_large_chunked_mibs", "MiB/s", 2),
        AtLeast("1 MiB blob pulls, 32 clients", "pull_1mib_mibs", "MiB/s", 2),
        new("512 MiB blob pull", "pull_large_mibs", "MiB/s", "≥ 0.8× nginx",
            (b, _, n) => Known(b, n) ? b >= 0.8 * n : null),
        new("Server peak RSS (VmHWM)", "peak_rss_mib", "MiB", "≤ ref", (b, r, _) => Known(b, r) ? b <= r : null),
        Info("500 manifest PUTs, 1 client", "manifest_put_per_s", "PUT/s"),
        Info("Manifest PUT p99", "manifest_put_p99_ms", "ms"),
        Info("List 5,000 tags (n=1000, all pages), median", "tags_list_ms", "ms"),
        Info("Catalog of 2,000 repositories (n=1000, all pages), median", "catalog_list_ms", "ms"),
        Info("Manifest GET p50", "manifest_get_p50_ms", "ms"),
        Info("Blob HEAD p50", "blob_head_p50_ms", "ms"),
        Info("Manifest GET, 64 conns (.NET client, as for HEAD)", "manifest_get_dotnet_rps", "req/s"),
        Info("Manifest GET p99 (.NET client)", "manifest_get_dotnet_p99_ms", "ms"),
        Info("64 KiB blob push p99", "push_small_p99_ms", "ms"),
        Info("1 MiB pull p99, 32 clients", "pull_1mib_p99_ms", "ms"),
        Info("Tag PUTs while seeding 5,000 tags, 16 clients", "tag_put_per_s", "PUT/s"),
        Info("Repositories created (2 mounts + manifest), 16 clients", "repo_create_per_s", "repos/s"),
    ];

    public static IReadOnlyList<(string Label, string Source, string Key, string Unit)> Limits { get; } =
    [
        ("SHA-256, `openssl speed -bytes 1048576 sha256` (1 core)", "machine", "sha256_openssl_mibs", "MiB/s"),
        ("SHA-256, .NET IncrementalHash, 1 MiB appends (1 core)", "machine", "sha256_dotnet_mibs", "MiB/s"),
        ("Sequential write 512 MiB + fdatasync (`dd conv=fdatasync`, new file)", "machine", "dd_fdatasync_mibs", "MiB/s"),
        ("Sequential write, O_DSYNC per 1 MiB (`dd oflag=dsync`)", "machine", "dd_dsync_mibs", "MiB/s"),
        ("Sequential write into the page cache, no sync (`dd`, new file)", "machine", "dd_cached_mibs", "MiB/s"),
        ("Synchronous 4 KiB write (`dd oflag=dsync`, mean of 200): one fsync", "machine", "fsync_4k_ms", "ms"),
        ("nginx sendfile: 512 MiB file GET", "nginx", "pull_large_mibs", "MiB/s"),
        ("nginx sendfile: the 1 MiB files, 32 clients", "nginx", "pull_1mib_mibs", "MiB/s"),
        ("nginx sendfile: 1 MiB GET p99, 32 clients", "nginx", "pull_1mib_p99_ms", "ms"),
    ];
}
