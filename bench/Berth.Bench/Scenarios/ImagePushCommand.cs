using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Berth.Bench.Scenarios;

/// <summary>
/// Small-image push throughput of several Berth servers side by side (for the event outbox: a build without it
/// against one with it, and one with a webhook receiving every push): each round pushes distinct images (config,
/// one 4 KiB layer, manifest by tag) from concurrent clients to each target in turn, the order alternating every
/// round. Optionally hosts a webhook receiver that answers 204.
/// </summary>
internal static class ImagePushCommand
{
    public static async Task<int> RunAsync(CommandArgs args)
    {
        var targets = ParseTargets(args.Required("targets"));
        var images = Math.Clamp(Int(args, "images", 200), 1, 100_000);
        var clients = Math.Clamp(Int(args, "clients", 8), 1, 256);
        var rounds = Math.Clamp(Int(args, "rounds", 6), 1, 100);
        var auth = args.Optional("auth") is { } a ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(a))) : null;
        using var receiver = args.Optional("receiver-port") is { } port ? Receiver.Start(int.Parse(port, CultureInfo.InvariantCulture)) : null;
        using var http = BenchHttp.Create();
        using var everything = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var ct = everything.Token;
        var clientsByTarget = targets.Select(t => (t.Label, Client: new RegistryClient(http, t.Url, auth))).ToList();
        var rates = clientsByTarget.ToDictionary(t => t.Label, _ => new List<double>());
        var config = Payload.Config();
        var layer = Payload.Random(4096, seed: 11);
        var sequence = 0L;

        // Warm-up: JIT, connection pools and the first repository rows, not measured.
        foreach (var (_, client) in clientsByTarget)
        {
            await client.CheckAsync(ct);
            await PushRoundAsync(client, config, layer, Math.Min(images, 50), clients, () => Interlocked.Increment(ref sequence), ct);
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var (label, client) in round % 2 == 0 ? clientsByTarget : Enumerable.Reverse(clientsByTarget))
            {
                var rate = await PushRoundAsync(client, config, layer, images, clients, () => Interlocked.Increment(ref sequence), ct);
                rates[label].Add(rate);
                Console.WriteLine($"round {round} {label,-16} {rate,8:F1} images/s");
            }
        }

        var baseline = Workers.Median(rates[clientsByTarget[0].Label]);
        Console.WriteLine();
        Console.WriteLine($"{images} images x {rounds} rounds, {clients} clients; medians (÷ {clientsByTarget[0].Label}):");
        foreach (var (label, _) in clientsByTarget)
        {
            // Targets of one round ran back to back, so the median of per-round ratios shrugs off rounds the whole machine was slow in.
            var median = Workers.Median(rates[label]);
            var paired = Workers.Median(rates[label].Zip(rates[clientsByTarget[0].Label], (r, b) => r / b).ToList());
            Console.WriteLine($"  {label,-16} {median,8:F1} images/s  {median / baseline,5:F3}x  per-round ratio median {paired,5:F3}x  rounds: {string.Join(' ', rates[label].Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))}");
        }

        if (receiver is not null)
        {
            Console.WriteLine($"  webhook receiver got {receiver.Count} requests");
        }

        return 0;
    }

    private static async Task<double> PushRoundAsync(RegistryClient client, Blob config, byte[] layerTemplate, int images, int clients, Func<long> next, CancellationToken ct)
    {
        var (done, elapsed) = await Workers.RunAsync(clients, images, TimeSpan.FromMinutes(5), null, async (_, token) =>
        {
            var n = next();
            var repo = $"bench/images{n % 16}";
            var layerBytes = (byte[])layerTemplate.Clone();
            var layer = new Blob(layerBytes, Payload.Restamp(layerBytes, n));
            await client.PushMonolithicAsync(repo, config.Content, config.Digest, token);
            await client.PushMonolithicAsync(repo, layer.Content, layer.Digest, token);
            await client.PutManifestAsync(repo, "t" + n.ToString(CultureInfo.InvariantCulture), Payload.Manifest(config, layer, n.ToString(CultureInfo.InvariantCulture)), token);
        }, ct);
        if (done != images)
        {
            throw new BenchException($"only {done} of {images} image pushes finished in time");
        }

        return done / elapsed.TotalSeconds;
    }

    private static int Int(CommandArgs args, string name, int fallback) =>
        args.Optional(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    // "label=http://127.0.0.1:18090,label2=http://127.0.0.1:18091"
    private static List<(string Label, Uri Url)> ParseTargets(string text)
    {
        var targets = new List<(string, Uri)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !Uri.TryCreate(part[(eq + 1)..].TrimEnd('/') + "/", UriKind.Absolute, out var uri) || !uri.IsLoopback || uri.Scheme != Uri.UriSchemeHttp)
            {
                throw new BenchException($"--targets entry '{part}' must be label=http://127.0.0.1:PORT (loopback only)");
            }

            targets.Add((part[..eq], uri));
        }

        return targets.Count > 0 ? targets : throw new BenchException("--targets names no target");
    }

    /// <summary>A webhook receiver on loopback that answers every request with 204 and counts them.</summary>
    private sealed class Receiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public static Receiver Start(int port)
        {
            var receiver = new Receiver();
            receiver._listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            receiver._listener.Start();
            _ = Task.Run(receiver.LoopAsync);
            return receiver;
        }

        public void Dispose() => _listener.Close();

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                Interlocked.Increment(ref _count);
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                context.Response.StatusCode = 204;
                context.Response.Close();
            }
        }
    }
}
