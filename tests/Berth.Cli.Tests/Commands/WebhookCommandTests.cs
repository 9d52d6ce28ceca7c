using System.Net;
using System.Text.Json;
using Berth.Cli.Runtime;
using Berth.Cli.Tests.Infrastructure;

namespace Berth.Cli.Tests.Commands;

/// <summary><c>berth webhook ...</c> against a fake server: request shapes, the once-shown secret, exit codes.</summary>
public sealed class WebhookCommandTests
{
    private const string Hook = """{"name":"ciHook1","serviceUri":"https://ci.example/hook","actions":["push"],"scope":"app:*","status":"enabled","format":"acr","customHeaders":["Authorization"],"createdAt":"2026-01-02T03:04:05Z","updatedAt":"2026-01-02T03:04:05Z"}""";

    private static readonly string[] Login = ["--server", "127.0.0.1:5000", "-u", "owner", "-p", "secret"];

    private static FakeServer Server() => new FakeServer().WithTokenService(accessToken: "access");

    [Fact]
    public async Task Create_sends_the_settings_and_prints_the_secret_once()
    {
        var server = Server().On("POST /api/v1/registries/default/webhooks", HttpStatusCode.Created, Hook[..^1] + ""","secret":"the-signing-secret"}""");
        using var cli = new CliRunner(server);

        var result = await cli.RunAsync(["webhook", "create", "ciHook1", "--uri", "https://ci.example/hook", "--actions", "push", "delete", "--scope", "app:*", "--headers", "Authorization=Bearer x", "--format", "cloudevents", .. Login]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var body = JsonDocument.Parse(server.Requests.Single(r => r.PathAndQuery.Contains("webhooks", StringComparison.Ordinal)).Body).RootElement;
        Assert.Equal("ciHook1", body.GetProperty("name").GetString());
        Assert.Equal(["push", "delete"], body.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("Bearer x", body.GetProperty("customHeaders").GetProperty("Authorization").GetString());
        Assert.Equal("cloudevents", body.GetProperty("format").GetString());
        Assert.Contains("shown only now", result.Out, StringComparison.Ordinal);
        Assert.Contains("the-signing-secret", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_headers_and_empty_updates_are_usage_errors_without_a_request()
    {
        var server = Server();
        using var cli = new CliRunner(server);

        var badHeader = await cli.RunAsync(["webhook", "create", "ciHook1", "--uri", "https://ci.example/hook", "--actions", "push", "--headers", "NoEquals", .. Login]);
        var nothing = await cli.RunAsync(["webhook", "update", "ciHook1", .. Login]);

        Assert.Equal(ExitCodes.Usage, badHeader.ExitCode);
        Assert.Equal(ExitCodes.Usage, nothing.ExitCode);
        Assert.DoesNotContain(server.Requests, r => r.PathAndQuery.Contains("webhooks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_ping_exits_1_and_list_events_shows_the_log()
    {
        const string Failed = """{"id":7,"eventId":null,"action":"ping","status":"failed","attempts":1,"createdAt":"2026-01-02T03:04:05Z","lastAttemptAt":"2026-01-02T03:04:05Z","nextAttemptAt":null,"statusCode":503,"latencyMs":12,"response":"down","error":"the receiver answered 503"}""";
        var server = Server()
            .On("POST /api/v1/registries/default/webhooks/ciHook1/ping", HttpStatusCode.OK, Failed)
            .On("GET /api/v1/registries/default/webhooks/ciHook1/events", HttpStatusCode.OK, $"[{Failed}]");
        using var cli = new CliRunner(server);

        var ping = await cli.RunAsync(["webhook", "ping", "ciHook1", .. Login]);
        var log = await cli.RunAsync(["webhook", "list-events", "ciHook1", "--top", "5", .. Login]);

        Assert.Equal(ExitCodes.Failed, ping.ExitCode);
        Assert.Contains("503", ping.Out, StringComparison.Ordinal);
        Assert.True(log.ExitCode == 0, log.ToString());
        Assert.Contains("the receiver answered 503", log.Out, StringComparison.Ordinal);
        Assert.Contains(server.Requests, r => r.PathAndQuery == "/api/v1/registries/default/webhooks/ciHook1/events?n=5");
    }
}
