using System.IO.Compression;
using System.Net;
using System.Net.Sockets;

namespace Berth.Scanning.Tests.Advisories;

/// <summary>Zip archives (streamed, never extracted) and http(s) URLs from a loopback server.</summary>
public sealed class ArchiveAndUrlImportTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "berth-advisory-tests", Guid.NewGuid().ToString("N"));

    public ArchiveAndUrlImportTests() => Directory.CreateDirectory(temp);

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Fact]
    public async Task Zip_import_equals_directory_import()
    {
        var zip = Path.Combine(temp, "advisories.zip");
        ZipFile.CreateFromDirectory(AdvisoryTestData.Root, zip);
        using var fromZip = new TestAdvisoryStore();
        using var fromDirectory = new TestAdvisoryStore();
        var zipped = await fromZip.ImportAsync(zip);
        var plain = await fromDirectory.ImportAsync(AdvisoryTestData.Root);
        Assert.True(zipped.Succeeded, zipped.Failure?.ToString());
        Assert.Equal(plain.AdvisoriesBySource, zipped.AdvisoriesBySource);
        Assert.Equal(plain.DocumentsByFormat, zipped.DocumentsByFormat);
        Assert.Equal(plain.Added, zipped.Added);
        Assert.Equal(0, (await fromZip.ImportAsync(zip)).Added);
        Assert.Equal(0, Directory.EnumerateFiles(temp).Count(f => !f.EndsWith(".zip", StringComparison.Ordinal))); // nothing extracted
    }

    [Fact]
    public async Task Zip_failure_names_the_entry()
    {
        var zip = Path.Combine(temp, "osv.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(AdvisoryTestData.PathOf("go-vulndb/data/osv/GO-2022-0344.json"), "osv/GO-2022-0344.json");
            using var writer = new StreamWriter(archive.CreateEntry("osv/GO-2022-0999.json").Open());
            writer.Write("{\"id\": \"GO-2022-0999\", \"affected\": 7}");
        }

        using var store = new TestAdvisoryStore();
        var report = await store.ImportAsync(zip);
        Assert.Equal("osv.zip!osv/GO-2022-0999.json", report.Failure!.Document);
        Assert.Equal(0, store.Count("SELECT count(*) FROM advisory"));
    }

    [Fact]
    public async Task A_zip_that_is_not_a_zip_fails_cleanly()
    {
        var zip = Path.Combine(temp, "bad.zip");
        await File.WriteAllBytesAsync(zip, [(byte)'P', (byte)'K', 3, 4, 1, 2, 3]);
        using var store = new TestAdvisoryStore();
        var report = await store.ImportAsync(zip);
        Assert.False(report.Succeeded);
        Assert.StartsWith("unreadable archive", report.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_import_of_a_zip_and_of_a_single_file()
    {
        var zip = Path.Combine(temp, "all.zip");
        ZipFile.CreateFromDirectory(AdvisoryTestData.PathOf("ghsa-nuget-sample"), zip);
        var files = new Dictionary<string, string>
        {
            ["/exports/all.zip"] = zip,
            ["/osv/GO-2022-0344.json"] = AdvisoryTestData.PathOf("go-vulndb/data/osv/GO-2022-0344.json"),
            ["/DSA/list"] = AdvisoryTestData.PathOf("debian-security-tracker/data/DSA/list"),
            ["/v1/vulns/RUSTSEC-2024-0445"] = AdvisoryTestData.PathOf("rustsec/crates/RUSTSEC-2024-0445.json"),
        };
        await using var server = LoopbackServer.Start(files);
        using var http = new HttpClient();
        using var store = new TestAdvisoryStore(http, new Scanning.Advisories.Import.ImportOptions { TempDirectory = temp });

        var zipReport = await store.ImportAsync(server.Url("/exports/all.zip"));
        Assert.True(zipReport.Succeeded, zipReport.Failure?.ToString());
        Assert.Equal(server.Url("/exports/all.zip"), zipReport.Origin);
        Assert.Equal(6, zipReport.Added);

        var single = await store.ImportAsync(server.Url("/osv/GO-2022-0344.json"));
        Assert.Equal(1, single.Added);
        var list = await store.ImportAsync(server.Url("/DSA/list"));
        Assert.Equal(13, list.Added);
        Assert.Equal(1, list.DocumentsByFormat["debian-tracker"]);

        var api = await store.ImportAsync(server.Url("/v1/vulns/RUSTSEC-2024-0445"));
        Assert.Equal(1, api.Added);

        var missing = await store.ImportAsync(server.Url("/nope.json"));
        Assert.Contains("HTTP 404", missing.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(["all.zip"], Directory.EnumerateFiles(temp).Select(Path.GetFileName)); // downloads deleted
    }

    [Fact]
    public async Task Url_import_respects_the_download_limit()
    {
        await using var server = LoopbackServer.Start(new Dictionary<string, string> { ["/big.json"] = AdvisoryTestData.PathOf("almalinux/advisories/almalinux8/ALSA-2024:0265.json") });
        using var http = new HttpClient();
        using var store = new TestAdvisoryStore(http, new Scanning.Advisories.Import.ImportOptions { MaxDownloadBytes = 1000, TempDirectory = temp });
        var report = await store.ImportAsync(server.Url("/big.json"));
        Assert.Contains("larger than the 1000-byte limit", report.Failure!.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(temp));
    }

    /// <summary>An HttpListener on a free loopback port serving files by path.</summary>
    private sealed class LoopbackServer : IAsyncDisposable
    {
        private readonly HttpListener listener;
        private readonly Task loop;
        private readonly int port;

        private LoopbackServer(HttpListener listener, int port, IReadOnlyDictionary<string, string> files)
        {
            this.listener = listener;
            this.port = port;
            loop = Task.Run(() => Serve(files));
        }

        public static LoopbackServer Start(IReadOnlyDictionary<string, string> files)
        {
            for (var attempt = 0; ; attempt++)
            {
                var probe = new TcpListener(IPAddress.Loopback, 0);
                probe.Start();
                var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                var listener = new HttpListener();
                listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                try
                {
                    listener.Start();
                    return new LoopbackServer(listener, port, files);
                }
                catch (HttpListenerException) when (attempt < 5)
                {
                    listener.Close();
                }
            }
        }

        public string Url(string path) => $"http://127.0.0.1:{port}{path}";

        public async ValueTask DisposeAsync()
        {
            listener.Stop();
            listener.Close();
            try
            {
                await loop;
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
            }
        }

        private async Task Serve(IReadOnlyDictionary<string, string> files)
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var response = context.Response;
                if (files.TryGetValue(context.Request.Url!.AbsolutePath, out var file))
                {
                    var bytes = await File.ReadAllBytesAsync(file);
                    response.ContentLength64 = bytes.Length;
                    await response.OutputStream.WriteAsync(bytes);
                }
                else
                {
                    response.StatusCode = 404;
                }
            }
        }
    }
}
