using System.Net;
using Berth.Cli.Http;
using Berth.Cli.Runtime;

namespace Berth.Cli.Tests.Http;

public sealed class ApiErrorTests
{
    [Theory]
    [InlineData("""{"error":{"code":"NotFound","message":"no user bob"}}""", "NotFound", "no user bob")]
    [InlineData("""{"errors":[{"code":"DENIED","message":"requested access is denied"}]}""", "DENIED", "requested access is denied")]
    [InlineData("""{"error":"invalid_grant","error_description":"expired"}""", "invalid_grant", "expired")]
    [InlineData("not json", null, null)]
    [InlineData("[]", null, null)]
    public void Parses_the_error_shapes(string body, string? code, string? message)
    {
        Assert.Equal((code, message), ApiError.Parse(body));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, ExitCodes.Usage)]
    [InlineData(HttpStatusCode.Unauthorized, ExitCodes.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden, ExitCodes.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound, ExitCodes.NotFound)]
    [InlineData(HttpStatusCode.Conflict, ExitCodes.Failed)]
    [InlineData(HttpStatusCode.TooManyRequests, ExitCodes.Failed)]
    [InlineData(HttpStatusCode.InternalServerError, ExitCodes.Failed)]
    public async Task Maps_statuses_to_documented_exit_codes(HttpStatusCode status, int exitCode)
    {
        using var response = new HttpResponseMessage(status) { Content = new StringContent("""{"error":{"code":"X","message":"the reason"}}""") };
        var e = await ApiError.FromResponseAsync(response, ServerAddress.Parse("h:1"), CancellationToken.None);
        Assert.Equal(exitCode, e.ExitCode);
        Assert.Contains("the reason", e.Message, StringComparison.Ordinal);
    }
}
