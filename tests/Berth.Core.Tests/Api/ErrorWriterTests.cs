using System.Text.Json;
using Berth.Api.Errors;
using Berth.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Core.Tests.Api;

public sealed class ErrorWriterTests
{
    private static DefaultHttpContext Context(string method = "GET")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static JsonElement Body(HttpContext context)
    {
        var bytes = ((MemoryStream)context.Response.Body).ToArray();
        return JsonDocument.Parse(bytes).RootElement;
    }

    [Fact]
    public async Task Writes_the_status_and_the_spec_error_body()
    {
        var context = Context();
        context.Response.ContentLength = 99;

        await ErrorWriter.WriteAsync(context, ErrorCodes.BlobUnknown, "no such blob", new { digest = "sha256:x" });

        Assert.Equal(404, context.Response.StatusCode);
        Assert.StartsWith("application/json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Null(context.Response.ContentLength);
        var body = Body(context);
        Assert.Equal(["errors"], body.EnumerateObject().Select(p => p.Name));
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(["code", "message", "detail"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("BLOB_UNKNOWN", error.GetProperty("code").GetString());
        Assert.Equal("no such blob", error.GetProperty("message").GetString());
        Assert.Equal("sha256:x", error.GetProperty("detail").GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Defaults_the_message_and_writes_a_null_detail()
    {
        var context = Context();

        await ErrorWriter.WriteAsync(context, OciError.Of(ErrorCodes.RangeInvalid));

        Assert.Equal(416, context.Response.StatusCode);
        var error = Body(context).GetProperty("errors")[0];
        Assert.Equal("BLOB_UPLOAD_INVALID", error.GetProperty("code").GetString());
        Assert.Equal(ErrorCodes.RangeInvalid.Message, error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("detail").ValueKind);
    }

    [Fact]
    public async Task HEAD_gets_the_status_and_headers_but_no_body()
    {
        var context = Context("HEAD");

        await ErrorWriter.WriteAsync(context, ErrorCodes.ManifestUnknown);

        Assert.Equal(404, context.Response.StatusCode);
        Assert.StartsWith("application/json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal(0, context.Response.Body.Length);
    }

    [Fact]
    public async Task A_response_already_started_is_aborted_rather_than_corrupted()
    {
        var context = Context();
        var lifetime = new AbortRecorder();
        context.Features.Set<IHttpResponseFeature>(new StartedResponse());
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);

        await ErrorWriter.WriteAsync(context, ErrorCodes.BlobUnknown);

        Assert.True(lifetime.Aborted);
        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal(0, context.Response.Body.Length);
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }

    private sealed class AbortRecorder : IHttpRequestLifetimeFeature
    {
        public bool Aborted { get; private set; }

        public CancellationToken RequestAborted { get; set; }

        public void Abort() => Aborted = true;
    }
}
