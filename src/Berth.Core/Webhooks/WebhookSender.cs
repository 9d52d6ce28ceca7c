using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Berth.Core.Webhooks;

/// <summary>
/// Sends one signed webhook request: POST to the service URI through <see cref="AddressGuard.ConnectAsync"/>, custom
/// headers added (a custom Content-Type replaces the default), redirects not followed, one timeout for the whole
/// attempt. Only 2xx counts as delivered. Thread-safe; one instance shares its connection pool.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    /// <summary>Most response bytes kept in the delivery log.</summary>
    public const int ExcerptBytes = 1024;

    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    public WebhookSender(AddressGuard guard, IOptions<WebhookOptions> options, TimeProvider time)
    {
        _time = time;
        _timeout = options.Value.Timeout;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectCallback = (context, ct) => guard.ConnectAsync(context.DnsEndPoint, ct),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Never throws for delivery failures: they come back as an attempt with <see cref="DeliveryStatus.Pending"/> and an error.</summary>
    public async Task<DeliveryAttempt> SendAsync(WebhookTarget target, string contentType, byte[] body, CancellationToken ct)
    {
        var at = _time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_timeout);
        try
        {
            using var request = Build(target, contentType, body, at);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ExcerptAsync(response, timeout.Token);
            var latency = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var code = (int)response.StatusCode;
            var ok = code is >= 200 and < 300;
            return new DeliveryAttempt(ok ? DeliveryStatus.Delivered : DeliveryStatus.Pending, at, code, latency, excerpt, ok ? null : $"the receiver answered {code}");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !ct.IsCancellationRequested)
        {
            var latency = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var error = e is OperationCanceledException ? $"no response within {_timeout.TotalSeconds:0.#} s" : Describe(e);
            return new DeliveryAttempt(DeliveryStatus.Pending, at, null, latency, null, error);
        }
    }

    public void Dispose() => _client.Dispose();

    private static HttpRequestMessage Build(WebhookTarget target, string contentType, byte[] body, DateTimeOffset at)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, target.Info.ServiceUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in target.Headers)
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Create(target.Secret, at, body));
        return request;
    }

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[ExcerptBytes];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), ct)) > 0)
        {
            filled += read;
        }

        if (filled == 0)
        {
            return null;
        }

        // Cut at a character boundary: a partial UTF-8 sequence at the end is dropped.
        var text = Encoding.UTF8.GetString(buffer, 0, filled);
        return text.Length > 0 && text[^1] == '\uFFFD' && filled == buffer.Length ? text[..^1] : text;
    }

    private static string Describe(Exception e)
    {
        var message = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            message += ": " + inner.Message;
        }

        return message.Length > 500 ? message[..500] : message;
    }
}
