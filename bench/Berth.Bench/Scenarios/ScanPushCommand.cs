using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Berth.Bench.Scenarios;

/// <summary>
/// <c>scan-push</c>: image push throughput of a Berth with scanning on against one with scanning off (issue 5: "push
/// throughput with scanning on, at most 10% lower"). Each image is a real Debian layer (os-release + the given dpkg
/// status + a unique file, so every push is a cold scan), a config and a manifest; layers are built before timing.
/// Rounds alternate which server goes first; the figure is the median of the rounds. After each scanning round it
/// waits (bounded) until every scan of that round finished, so no scan of one round runs during the next
/// measurement (both servers share the machine), and reports how long the queue took to drain.
/// </summary>
internal static class ScanPushCommand
{
    public static async Task<int> RunAsync(CommandArgs args)
    {
        var on = args.LoopbackUrl("on");
        var off = args.LoopbackUrl("off");
        var auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(args.Required("auth"))));
        var images = int.Parse(args.Optional("images") ?? "200", System.Globalization.CultureInfo.InvariantCulture);
        var clients = int.Parse(args.Optional("clients") ?? "8", System.Globalization.CultureInfo.InvariantCulture);
        var rounds = int.Parse(args.Optional("rounds") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        var status = await File.ReadAllBytesAsync(args.Optional("dpkg-status") ?? "/var/lib/dpkg/status");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { Timeout = TimeSpan.FromMinutes(5) };
        var targets = new Dictionary<string, RegistryClient> { ["on"] = new(http, on, auth), ["off"] = new(http, off, auth) };
        var rates = targets.Keys.ToDictionary(k => k, _ => new List<double>());
        var drains = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var name in round % 2 == 0 ? new[] { "on", "off" } : ["off", "on"])
            {
                var layers = Enumerable.Range(0, images).Select(_ => Layer(status)).ToList();
                var repo = $"scanbench/{name}{round}";
                var clock = Stopwatch.StartNew();
                await Parallel.ForEachAsync(Enumerable.Range(0, images), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (i, ct) =>
                    await PushImageAsync(targets[name], repo, $"i{i}", layers[i], ct));
                rates[name].Add(images / clock.Elapsed.TotalSeconds);
                Console.WriteLine($"round {round + 1} {name}: {images} images in {clock.Elapsed.TotalSeconds:F2} s = {rates[name][^1]:F1} images/s");
                if (name == "on")
                {
                    drains.Add(await DrainAsync(http, on, auth, repo, images));
                    Console.WriteLine($"round {round + 1} on: scans finished {drains[^1]:F1} s after the last push");
                }
            }
        }

        var drain = Median(drains);
        var medianOn = Median(rates["on"]);
        var medianOff = Median(rates["off"]);
        Console.WriteLine($"median: scanning on {medianOn:F1} images/s, off {medianOff:F1} images/s, ratio {medianOn / medianOff:F3}; scans of a round finished {drain:F1} s (median) after its last push");
        if (args.Optional("out") is { } outFile)
        {
            await File.WriteAllTextAsync(outFile, JsonSerializer.Serialize(new { images, clients, rounds, on = rates["on"], off = rates["off"], medianOn, medianOff, ratio = medianOn / medianOff, drainSeconds = drain }));
        }

        return 0;
    }

    private static async Task PushImageAsync(RegistryClient client, string repo, string tag, byte[] layer, CancellationToken ct)
    {
        var layerDigest = Digest(layer);
        await client.PushMonolithicAsync(repo, layer, layerDigest, ct);
        var config = JsonSerializer.SerializeToUtf8Bytes(new { architecture = "amd64", os = "linux", rootfs = new { type = "layers", diff_ids = Array.Empty<string>() }, tag });
        var configDigest = Digest(config);
        await client.PushMonolithicAsync(repo, config, configDigest, ct);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = RegistryClient.OciManifest,
            config = new { mediaType = "application/vnd.oci.image.config.v1+json", digest = configDigest, size = config.Length },
            layers = new[] { new { mediaType = "application/vnd.oci.image.layer.v1.tar+gzip", digest = layerDigest, size = layer.Length } },
        });
        await client.PutManifestAsync(repo, tag, manifest, ct);
    }

    // Polls the scans of the last "on" round until all are completed or failed (at most 10 minutes).
    private static async Task<double> DrainAsync(HttpClient http, Uri on, AuthenticationHeaderValue auth, string repo, int images)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(on, $"api/v1/registries/default/repositories/{repo}/scans"));
            request.Headers.Authorization = auth;
            using var response = await http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var done = doc.RootElement.EnumerateArray().Count(s => s.GetProperty("status").GetString() is "completed" or "failed");
                if (done >= images)
                {
                    return clock.Elapsed.TotalSeconds;
                }
            }

            await Task.Delay(250);
        }

        throw new BenchException($"the scans of {repo} did not finish within 10 minutes");
    }

    private static byte[] Layer(byte[] dpkgStatus)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            Add(writer, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n"u8.ToArray());
            Add(writer, "var/lib/dpkg/status", dpkgStatus);
            Add(writer, "salt", Guid.NewGuid().ToByteArray());
        }

        using var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar.ToArray());
        }

        return gz.ToArray();
    }

    private static void Add(TarWriter writer, string path, byte[] content) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(content), Mode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead });

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
