using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Observability;

/// <summary>Push, pull, untag and delete on <c>/v2</c> leave audit records with actor, address and request id.</summary>
public sealed class DataPlaneAuditTests(BerthServerFixture server) : IClassFixture<BerthServerFixture>
{
    private readonly HttpClient owner = server.CreateClient();

    private async Task<string> OwnerIdAsync() =>
        (await owner.GetFromJsonAsync<JsonElement>("/api/v1/users/" + BerthServerFixture.OwnerUsername)).GetProperty("id").GetString()!;

    [Fact]
    public async Task Push_and_pull_are_audited_with_actor_source_address_and_request_id()
    {
        var oci = new OciClient(owner);
        var repo = OciClient.NewRepo("audit");
        var (_, digest) = await oci.PushImageAsync(repo, "v1");

        using var head = await owner.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repo}/manifests/v1"));
        using var get = await owner.GetAsync($"/v2/{repo}/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);

        var push = await AuditReader.WaitForAsync(owner, e => AuditReader.Is(e, "repository.push", $"{repo}:v1"));
        var pull = await AuditReader.WaitForAsync(owner, e => AuditReader.Is(e, "repository.pull", $"{repo}:v1"));
        var id = await OwnerIdAsync();
        foreach (var record in new[] { push, pull })
        {
            Assert.Equal(id, record.GetProperty("actor").GetString());
            Assert.Equal("127.0.0.1", record.GetProperty("sourceAddress").GetString());
            Assert.False(string.IsNullOrEmpty(record.GetProperty("requestId").GetString()));
            Assert.True(record.GetProperty("success").GetBoolean());
            Assert.Contains($"digest={digest}", record.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.NotEqual(push.GetProperty("requestId").GetString(), pull.GetProperty("requestId").GetString());
        // HEAD is not a pull (as in ACR); the HEAD was queued before the GET, so it would be stored by now.
        Assert.Single(await AuditReader.AllAsync(owner), e => AuditReader.Is(e, "repository.pull", $"{repo}:v1"));
    }

    [Fact]
    public async Task Untag_delete_and_a_failed_pull_are_audited_with_their_outcome()
    {
        var oci = new OciClient(owner);
        var repo = OciClient.NewRepo("audit");
        var (_, digest) = await oci.PushImageAsync(repo, "gone");

        using var untag = await owner.DeleteAsync($"/v2/{repo}/manifests/gone");
        using var delete = await owner.DeleteAsync($"/v2/{repo}/manifests/{digest}");
        using var missing = await owner.GetAsync($"/v2/{repo}/manifests/gone");
        Assert.Equal(HttpStatusCode.Accepted, untag.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        Assert.True((await AuditReader.WaitForAsync(owner, e => AuditReader.Is(e, "repository.untag", $"{repo}:gone"))).GetProperty("success").GetBoolean());
        Assert.True((await AuditReader.WaitForAsync(owner, e => AuditReader.Is(e, "repository.delete", $"{repo}@{digest}"))).GetProperty("success").GetBoolean());
        var failed = await AuditReader.WaitForAsync(owner, e => AuditReader.Is(e, "repository.pull", $"{repo}:gone"));
        Assert.False(failed.GetProperty("success").GetBoolean());
        Assert.Contains("status=404", failed.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_plane_login_with_basic_credentials_is_audited_with_address_and_request_id()
    {
        using var stranger = server.CreateClient("nobody-" + Guid.NewGuid().ToString("N")[..8], "wrong");
        using var refused = await stranger.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var login = await AuditReader.WaitForAsync(owner, e => e.GetProperty("action").GetString() == "login.failure"
            && e.GetProperty("actor").GetString()!.Contains("nobody-", StringComparison.Ordinal));

        Assert.Equal("127.0.0.1", login.GetProperty("sourceAddress").GetString());
        Assert.False(string.IsNullOrEmpty(login.GetProperty("requestId").GetString()));
    }
}

public sealed class NoPullAuditFixture : BerthServerFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Berth:Audit:RecordPulls"] = "false" };
}

/// <summary><c>Berth:Audit:RecordPulls=false</c> stops pull records only.</summary>
public sealed class NoPullAuditTests(NoPullAuditFixture server) : IClassFixture<NoPullAuditFixture>
{
    [Fact]
    public async Task Pulls_are_not_recorded_but_pushes_and_untags_are()
    {
        var owner = server.CreateClient();
        var repo = OciClient.NewRepo("nopull");
        await new OciClient(owner).PushImageAsync(repo, "v1");
        using var pull = await owner.GetAsync($"/v2/{repo}/manifests/v1");
        using var untag = await owner.DeleteAsync($"/v2/{repo}/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, pull.StatusCode);

        await AuditReader.WaitForAsync(owner, e => AuditReader.Is(e, "repository.untag", $"{repo}:v1"));
        var records = await AuditReader.AllAsync(owner);

        Assert.Contains(records, e => AuditReader.Is(e, "repository.push", $"{repo}:v1"));
        Assert.DoesNotContain(records, e => e.GetProperty("action").GetString() == "repository.pull");
    }
}

/// <summary>A scheduled garbage collection run is on record as <c>gc.run</c> by <c>system</c>.</summary>
public sealed class ScheduledGcAuditTests(BerthServerFixture server) : IClassFixture<BerthServerFixture>
{
    [Fact]
    public async Task A_scheduled_gc_run_is_audited_as_system()
    {
        await server.Get<Berth.Core.Jobs.JobScheduler>().RunNowAsync(Berth.Core.Gc.GcJob.JobName, CancellationToken.None);

        var record = await AuditReader.WaitForAsync(server.CreateClient(), e => e.GetProperty("action").GetString() == "gc.run");

        Assert.Equal("system", record.GetProperty("actor").GetString());
        Assert.StartsWith("scheduled:", record.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
