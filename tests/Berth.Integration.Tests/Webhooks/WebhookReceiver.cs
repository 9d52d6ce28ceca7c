using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Berth.Integration.Tests.Webhooks;

/// <summary>One request a webhook made: headers (lower-case names) and the exact body bytes.</summary>
public sealed record ReceivedHook(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : throw new KeyNotFoundException($"no header {name}");
}

/// <summary>
/// A real HTTP receiver on a loopback port (Kestrel): records every request and answers with
/// <see cref="Respond"/> (given the 1-based request number), 200 by default.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedHook> _received = new();
    private int _count;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Status code for the n-th request (1-based).</summary>
    public Func<int, int> Respond { get; set; } = _ => 200;

    public IReadOnlyList<ReceivedHook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests matching <paramref name="filter"/> arrived; returns them in arrival order.</summary>
    public async Task<List<ReceivedHook>> WaitForAsync(int count, Func<ReceivedHook, bool>? filter = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var matching = _received.Where(filter ?? (_ => true)).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the receiver got {matching.Count} of {count} expected requests ({_received.Count} in all)");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var n = Interlocked.Increment(ref _count);
        _received.Enqueue(new ReceivedHook(context.Request.Method, context.Request.Path, headers, body.ToArray()));
        context.Response.StatusCode = Respond(n);
        await context.Response.WriteAsync($"receiver answer {n}");
    }
}
