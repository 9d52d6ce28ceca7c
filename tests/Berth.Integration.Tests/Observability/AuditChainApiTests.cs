using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Integration.Tests.Auth;
using Berth.Integration.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Berth.Integration.Tests.Observability;

/// <summary><c>/api/v1/audit/verify</c>, <c>/export</c> and <c>/purge</c>: Owner only; export streams JSONL; tampering with the database file is found.</summary>
public sealed class AuditChainApiTests(BerthServerFixture server) : IClassFixture<BerthServerFixture>
{
    private readonly HttpClient owner = server.CreateClient();

    [Fact]
    public async Task Export_since_a_time_returns_only_later_records_as_valid_jsonl_with_hashes()
    {
        await new OciClient(owner).PushImageAsync(OciClient.NewRepo("export"), "before");
        var before = await AuditReader.WaitForAsync(owner, e => e.GetProperty("action").GetString() == "repository.push");
        await Task.Delay(20); // records are stamped in milliseconds: put "since" strictly after the first push
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var repo = OciClient.NewRepo("export");
        await new OciClient(owner).PushImageAsync(repo, "after");
        await AuditReader.WaitForAsync(owner, e => AuditReader.Is(e, "repository.push", $"{repo}:after"));

        using var response = await owner.GetAsync($"/api/v1/audit/export?since={Uri.EscapeDataString(since.ToString("O"))}&format=jsonl", HttpCompletionOption.ResponseHeadersRead);
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/jsonl", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.True(l.GetProperty("at").GetDateTimeOffset() >= since));
        Assert.All(lines, l => Assert.Equal(64, l.GetProperty("hash").GetString()!.Length));
        Assert.Contains(lines, l => AuditReader.Is(l, "repository.push", $"{repo}:after"));
        Assert.DoesNotContain(lines, l => l.GetProperty("sequence").GetInt64() == before.GetProperty("sequence").GetInt64());
        Assert.Equal(lines.Select(l => l.GetProperty("sequence").GetInt64()).Order(), lines.Select(l => l.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task Export_refuses_an_unknown_format_and_an_empty_window()
    {
        await AuthApi.AssertApiErrorAsync(await owner.GetAsync("/api/v1/audit/export?format=csv"), HttpStatusCode.BadRequest, "InvalidRequest");
        await AuthApi.AssertApiErrorAsync(await owner.GetAsync("/api/v1/audit/export?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z"), HttpStatusCode.BadRequest, "InvalidRequest");
    }

    [Fact]
    public async Task Verify_purge_and_export_are_for_the_owner_alone()
    {
        var api = new AuthApi(server);
        var contributor = await api.CreateUserAsync("Contributor");
        using var client = server.CreateClient(contributor.Username, contributor.Password);

        await AuthApi.AssertApiErrorAsync(await client.GetAsync("/api/v1/audit/verify"), HttpStatusCode.Forbidden, "Forbidden");
        await AuthApi.AssertApiErrorAsync(await client.GetAsync("/api/v1/audit/export"), HttpStatusCode.Forbidden, "Forbidden");
        await AuthApi.AssertApiErrorAsync(await client.PostAsync("/api/v1/audit/purge", null), HttpStatusCode.Forbidden, "Forbidden");
        await AuthApi.AssertApiErrorAsync(await server.CreateAnonymousClient().GetAsync("/api/v1/audit/verify"), HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Fact]
    public async Task Verify_passes_on_the_live_log()
    {
        await new OciClient(owner).PushImageAsync(OciClient.NewRepo("verify"), "v1");

        var result = await owner.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");

        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
        Assert.True(result.GetProperty("records").GetInt64() > 0);
    }
}

/// <summary>Edits and deletions made straight in the SQLite file are reported by verify with the record and the reason.</summary>
public sealed class AuditTamperTests(BerthServerFixture server) : IClassFixture<BerthServerFixture>
{
    private readonly HttpClient owner = server.CreateClient();

    private void Tamper(string sql)
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "berth.db")};Pooling=False");
        c.Open();
        c.Execute("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;");
        c.Execute(sql);
    }

    private async Task<JsonElement?> FailureAsync()
    {
        var result = await owner.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        return result.GetProperty("valid").GetBoolean() ? null : result.GetProperty("failure");
    }

    [Fact]
    public async Task An_edited_record_and_then_a_deleted_record_are_reported()
    {
        for (var i = 0; i < 3; i++)
        {
            var repo = OciClient.NewRepo("tamper");
            await new OciClient(owner).PushImageAsync(repo, "v1");
            await AuditReader.WaitForAsync(owner, e => AuditReader.Is(e, "repository.push", $"{repo}:v1"));
        }

        var records = await AuditReader.AllAsync(owner);
        var pushes = records.Where(e => e.GetProperty("action").GetString() == "repository.push").Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Null(await FailureAsync());

        var edited = pushes[1];
        Tamper($"UPDATE audit_log SET actor = 'someone-else' WHERE sequence = {edited};");
        var afterEdit = await FailureAsync();
        Assert.Equal(edited, afterEdit!.Value.GetProperty("sequence").GetInt64());
        Assert.Equal("edited", afterEdit.Value.GetProperty("reason").GetString());

        var original = records.Single(e => e.GetProperty("sequence").GetInt64() == edited).GetProperty("actor").GetString();
        Tamper($"UPDATE audit_log SET actor = '{original}' WHERE sequence = {edited};");
        Assert.Null(await FailureAsync());

        Tamper($"DELETE FROM audit_log WHERE sequence = {edited};");
        var afterDelete = await FailureAsync();
        Assert.Equal(edited, afterDelete!.Value.GetProperty("sequence").GetInt64());
        Assert.Equal("deleted", afterDelete.Value.GetProperty("reason").GetString());
    }
}

/// <summary>A short retention so records age out within the test: purge keeps the chain verifiable from its anchor.</summary>
public sealed class AuditRetentionFixture : BerthServerFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Berth:Audit:Retention"] = "00:00:01",
    };
}

public sealed class AuditRetentionTests(AuditRetentionFixture server) : IClassFixture<AuditRetentionFixture>
{
    private readonly HttpClient owner = server.CreateClient();

    [Fact]
    public async Task Purge_removes_old_records_behind_an_anchor_and_verify_still_passes_and_reports_it()
    {
        await new OciClient(owner).PushImageAsync(OciClient.NewRepo("retention"), "old");
        await AuditReader.WaitForAsync(owner, e => e.GetProperty("action").GetString() == "repository.push");
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var purge = await (await owner.PostAsync("/api/v1/audit/purge", null)).Content.ReadFromJsonAsync<JsonElement>();
        var repo = OciClient.NewRepo("retention");
        await new OciClient(owner).PushImageAsync(repo, "new");
        await AuditReader.WaitForAsync(owner, e => AuditReader.Is(e, "repository.push", $"{repo}:new"));
        var verify = await owner.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        var kept = await AuditReader.AllAsync(owner);

        Assert.True(purge.GetProperty("removed").GetInt64() > 0);
        var anchor = purge.GetProperty("anchor").GetProperty("sequence").GetInt64();
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.Equal(anchor, verify.GetProperty("anchor").GetProperty("sequence").GetInt64());
        Assert.Equal(anchor + 1, verify.GetProperty("firstSequence").GetInt64());
        Assert.All(kept, e => Assert.True(e.GetProperty("sequence").GetInt64() > anchor));
        Assert.Contains(kept, e => e.GetProperty("action").GetString() == "audit.purge");
    }
}
