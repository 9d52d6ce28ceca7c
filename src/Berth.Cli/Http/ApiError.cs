using System.Net;
using System.Text.Json;
using Berth.Cli.Runtime;

namespace Berth.Cli.Http;

/// <summary>Turns a failed HTTP response into a <see cref="CliException"/> with the server's message and a documented exit code.</summary>
internal static class ApiError
{
    public static async Task<CliException> FromResponseAsync(HttpResponseMessage response, ServerAddress server, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        var (code, message) = Parse(body);
        var status = (int)response.StatusCode;
        message ??= string.IsNullOrWhiteSpace(body) ? response.ReasonPhrase ?? "no details" : Truncate(body.Trim());
        code ??= response.StatusCode.ToString();
        var text = $"{message} ({code}, HTTP {status})";
        return response.StatusCode switch
        {
            HttpStatusCode.BadRequest => new CliException(ExitCodes.Usage, text),
            HttpStatusCode.Unauthorized => new CliException(ExitCodes.Unauthorized, text,
                $"log in with `berth login {server.Key}` or pass --username and --password"),
            HttpStatusCode.Forbidden => new CliException(ExitCodes.Unauthorized, text,
                "your identity lacks the role this needs; an Owner can grant it with `berth role assignment create`"),
            HttpStatusCode.NotFound => new CliException(ExitCodes.NotFound, text),
            HttpStatusCode.TooManyRequests => new CliException(ExitCodes.Failed, text,
                response.Headers.RetryAfter?.Delta is { } delay ? $"retry after {delay.TotalSeconds:0} s" : null),
            _ => new CliException(ExitCodes.Failed, text),
        };
    }

    /// <summary>
    /// Reads the management API's <c>{"error":{"code","message"}}</c>, the registry's <c>{"errors":[{"code","message"}]}</c>
    /// and OAuth2's <c>{"error":"...","error_description":"..."}</c>; (null, null) for anything else.
    /// </summary>
    public static (string? Code, string? Message) Parse(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object)
                {
                    return (Text(error, "code"), Text(error, "message"));
                }

                if (error.ValueKind == JsonValueKind.String)
                {
                    return (error.GetString(), Text(root, "error_description") ?? error.GetString());
                }
            }

            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                return first.ValueKind == JsonValueKind.Object ? (Text(first, "code"), Text(first, "message")) : (null, null);
            }
        }
        catch (JsonException)
        {
        }

        return (null, null);
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Truncate(string s) => s.Length <= 300 ? s : s[..300] + "...";
}
