namespace Berth.Bench.Scenarios;

/// <summary>
/// A closed-loop load generator on the shared HttpClient, for what wrk cannot do: Debian's wrk 4.1 waits for a
/// body after a HEAD response that carries Content-Length, so every HEAD request times out under it.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<Wrk.Summary> RunAsync(
        HttpClient http, Func<HttpRequestMessage> request, int connections, TimeSpan duration, CancellationToken ct)
    {
        const int MaxRequests = 5_000_000;
        var latency = new Latency(MaxRequests);
        long errors = 0;
        var (done, elapsed) = await Workers.RunAsync(connections, MaxRequests, duration, latency, async (_, token) =>
        {
            using var message = request();
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref errors);
            }
        }, ct);
        return new Wrk.Summary(done / elapsed.TotalSeconds, latency.Milliseconds(50), latency.Milliseconds(99), done, errors);
    }

    /// <summary>Opens <paramref name="connections"/> pooled connections before the clock starts.</summary>
    public static Task WarmAsync(HttpClient http, Func<HttpRequestMessage> request, int connections, CancellationToken ct) =>
        RunAsync(http, request, connections, TimeSpan.FromSeconds(2), ct);
}
