using System.Text.Json;
using Berth.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Errors;

/// <summary>The one writer of the spec's error body: <c>{"errors":[{"code","message","detail"}]}</c>.</summary>
public static class ErrorWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, OciError error)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        response.StatusCode = error.Code.HttpStatus;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.ContentLength = null;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask;
        }

        var body = new ErrorBody([new ErrorEntry(error.Code.Code, error.Message, error.Detail)]);
        return JsonSerializer.SerializeAsync(response.Body, body, Json, context.RequestAborted);
    }

    public static Task WriteAsync(HttpContext context, ErrorCode code, string? message = null, object? detail = null) =>
        WriteAsync(context, OciError.Of(code, message, detail));

    private sealed record ErrorBody(IReadOnlyList<ErrorEntry> Errors);

    private sealed record ErrorEntry(string Code, string Message, object? Detail);
}
