using System.Net;
using System.Net.Http.Json;
using Berth.Integration.Tests.Auth;
using Berth.Integration.Tests.Durability;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Webhooks;

/// <summary>
/// The real <c>berth</c> process killed with <c>kill -9</c> right after pushes were acknowledged, while the receiver
/// was failing: after a restart on the same data every acknowledged push is delivered (at least once).
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class WebhookRestartTests : IDisposable
{
    private const int Pushes = 5;
    private readonly TempDirectory _temp = new();

    private static readonly Dictionary<string, string> Environment = new()
    {
        ["BERTH__WEBHOOKS__ALLOWLOOPBACK"] = "true",
        ["BERTH__WEBHOOKS__RETRYDELAY"] = "00:00:00.200",
        ["BERTH__WEBHOOKS__MAXRETRYDELAY"] = "00:00:01",
        ["BERTH__WEBHOOKS__RETRYPOLLINTERVAL"] = "00:00:00.200",
        ["BERTH__WEBHOOKS__TIMEOUT"] = "00:00:02",
        ["BERTH__EVENTS__POLLINTERVAL"] = "00:00:01",
    };

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Pushes_acknowledged_before_kill_9_are_delivered_after_the_restart()
    {
        var data = _temp.Combine("data");
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => 503;
        var repo = OciClient.NewRepo("restart");
        var name = HooksApi.NewName();
        var digests = new List<string>();

        await using (var berth = await BerthProcess.StartAsync(data, environment: Environment))
        {
            using var http = berth.CreateClient();
            using (var created = await http.PostAsJsonAsync(HooksApi.Base, new { name, serviceUri = receiver.Url.ToString(), actions = new[] { "push" }, scope = repo }))
            {
                await AuthApi.ExpectAsync(created, HttpStatusCode.Created);
            }

            var oci = new OciClient(http);
            for (var i = 0; i < Pushes; i++)
            {
                digests.Add((await oci.PushImageAsync(repo, "v" + i)).Digest);
            }

            await berth.KillAsync();
        }

        receiver.Respond = _ => 200;
        await using (var restarted = await BerthProcess.StartAsync(data, environment: Environment))
        {
            using var http = restarted.CreateClient();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (true)
            {
                using var response = await http.GetAsync($"{HooksApi.Base}/{name}/events");
                var log = (await AuthApi.ExpectAsync(response, HttpStatusCode.OK)).EnumerateArray().ToList();
                if (log.Count(d => d.GetProperty("status").GetString() == "delivered") == Pushes)
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"{log.Count} deliveries logged, not all {Pushes} delivered");
                await Task.Delay(200);
            }
        }

        var delivered = receiver.Received.Select(r => r.Json.GetProperty("target").GetProperty("digest").GetString()).ToHashSet();
        Assert.Superset(digests.ToHashSet(), delivered!);
    }
}
