using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Cli.Runtime;

namespace Berth.Cli.Http;

/// <summary>
/// The management API (<c>/api/v1</c>) of one server, already authenticated. Every method returns the response's
/// JSON (null for 204) or throws <see cref="Runtime.CliException"/> carrying the server's error and exit code.
/// Network failures surface as <see cref="HttpRequestException"/> (or a <see cref="CliException"/> with
/// <paramref name="unreachableHint"/>), which commands map to "cannot reach".
/// </summary>
internal sealed class ApiClient(HttpClient http, ServerAddress server, string? unreachableHint = null) : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public ServerAddress Server { get; } = server;

    /// <summary>Escapes one path segment (user names, app ids, token names).</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    public Task<JsonElement?> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<JsonElement?> PostAsync(string path, object? body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, ct);

    public Task<JsonElement?> PatchAsync(string path, object body, CancellationToken ct) => SendAsync(HttpMethod.Patch, path, body, ct);

    public Task<JsonElement?> DeleteAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Delete, path, null, ct);

    public async Task<JsonElement?> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, "api/v1/" + path.TrimStart('/'));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Web);
        }

        HttpResponseMessage sent;
        try
        {
            sent = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e) when (unreachableHint is not null)
        {
            throw new CliException(ExitCodes.Unreachable, $"cannot reach the server at {Server}: {e.Message}", unreachableHint);
        }

        using var response = sent;
        if (!response.IsSuccessStatusCode)
        {
            throw await ApiError.FromResponseAsync(response, Server, ct);
        }

        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        var text = await response.Content.ReadAsStringAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    /// <summary>Copies a streamed text response (JSON lines) to <paramref name="output"/> as it arrives, never holding it whole.</summary>
    public async Task StreamAsync(string path, TextWriter output, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/" + path.TrimStart('/'));
        HttpResponseMessage sent;
        try
        {
            sent = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e) when (unreachableHint is not null)
        {
            throw new CliException(ExitCodes.Unreachable, $"cannot reach the server at {Server}: {e.Message}", unreachableHint);
        }

        using var response = sent;
        if (!response.IsSuccessStatusCode)
        {
            throw await ApiError.FromResponseAsync(response, Server, ct);
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer, ct)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        await output.FlushAsync(ct);
    }

    public void Dispose() => http.Dispose();
}
