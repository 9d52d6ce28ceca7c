using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Api.Management;
using Berth.Integration.Tests.Auth;
using Berth.Integration.Tests.Infrastructure;
using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Integration.Tests.Scanning;

/// <summary><c>/api/v1/advisories</c> on a real server with its real advisory database, fed real advisory files.</summary>
public sealed class AdvisoryApiTests(BerthServerFixture server) : IClassFixture<BerthServerFixture>, IDisposable
{
    private readonly AuthApi _api = new(server);
    private readonly string _work = Path.Combine(Path.GetTempPath(), "berth-advisory-api-" + Guid.NewGuid().ToString("N"));

    private static string Data(string relative) => Path.Combine(AppContext.BaseDirectory, "TestData", "advisories", relative);

    private string Copy(params string[] relatives)
    {
        var target = Path.Combine(_work, Guid.NewGuid().ToString("N"));
        foreach (var relative in relatives)
        {
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(Data(relative), destination);
        }

        return target;
    }

    private async Task<JsonElement> ImportAsync(HttpClient client, string source, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/advisories/imports", new { source });
        return await AuthApi.ExpectAsync(response, expected);
    }

    private async Task<JsonElement> StatusAsync()
    {
        using var response = await _api.Owner.GetAsync("/api/v1/advisories/status");
        return await AuthApi.ExpectAsync(response, HttpStatusCode.OK);
    }

    private Task<IReadOnlyList<AdvisoryCandidate>> CandidatesAsync(string ecosystem, string name) =>
        server.Services.GetRequiredService<IAdvisoryStore>().FindCandidatesAsync([PackageKey.For(ecosystem, name)], CancellationToken.None);

    [Fact]
    public async Task Owner_imports_a_directory_and_status_shows_the_sources_counts_and_age()
    {
        var folder = Copy("go-vulndb/data/osv/GO-2022-0344.json", "go-vulndb/data/osv/GO-2022-0617.json", "rustsec/crates/RUSTSEC-2024-0445.json");

        var report = await ImportAsync(_api.Owner, folder, HttpStatusCode.OK);
        var again = await ImportAsync(_api.Owner, folder, HttpStatusCode.OK);
        var status = await StatusAsync();

        Assert.Equal(Path.GetFullPath(folder), report.GetProperty("origin").GetString());
        Assert.Equal(3, report.GetProperty("added").GetInt32());
        Assert.Equal(2, report.GetProperty("advisoriesBySource").GetProperty("GO").GetInt32());
        Assert.True(report.GetProperty("importId").GetInt64() > 0);
        Assert.Equal(0, again.GetProperty("added").GetInt32());
        Assert.Equal(3, again.GetProperty("unchanged").GetInt32());
        var go = status.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "GO");
        Assert.Equal(2, go.GetProperty("advisories").GetInt32());
        Assert.Equal(1, go.GetProperty("withdrawn").GetInt32());
        Assert.Equal(again.GetProperty("importId").GetInt64(), go.GetProperty("lastImportId").GetInt64());
        Assert.True(go.GetProperty("lastImportAgeSeconds").GetInt64() >= 0);
        Assert.True(status.GetProperty("advisories").GetInt32() >= 3);
        Assert.Single(await CandidatesAsync("Go", "github.com/containerd/containerd"));
    }

    [Fact]
    public async Task Failed_import_answers_400_names_the_document_and_changes_nothing()
    {
        var folder = Copy("pypa/vulns/py/PYSEC-2022-42969.yaml");
        await ImportAsync(_api.Owner, folder, HttpStatusCode.OK);
        var before = await StatusAsync();
        var candidatesBefore = await CandidatesAsync("PyPI", "py");

        // The same origin again, now with an updated copy AND a broken document: the whole run must be refused.
        var updated = Path.Combine(folder, "pypa/vulns/py/PYSEC-2022-42969.yaml");
        var text = await File.ReadAllTextAsync(updated);
        await File.WriteAllTextAsync(updated, text.Replace("modified: '2022-11-04T11:00:00Z'", "modified: '2099-01-01T00:00:00Z'", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(folder, "pypa/vulns/py/broken.json"), "{\"id\": \"PYSEC-BROKEN\", \"affected\": [");
        var failure = await ImportAsync(_api.Owner, folder, HttpStatusCode.BadRequest);

        Assert.Equal(ApiErrors.InvalidRequest, failure.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("broken.json", failure.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("changed nothing", failure.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var after = await StatusAsync();
        Assert.Equal(Sources(before), Sources(after));
        var candidatesAfter = await CandidatesAsync("PyPI", "py");
        Assert.Equal(candidatesBefore.Select(c => (c.Advisory.Id, c.Advisory.Modified)), candidatesAfter.Select(c => (c.Advisory.Id, c.Advisory.Modified)));
        Assert.Equal(2022, Assert.Single(candidatesAfter).Advisory.Modified!.Value.Year);
    }

    [Fact]
    public async Task Missing_or_absent_sources_are_refused()
    {
        var missing = await ImportAsync(_api.Owner, "", HttpStatusCode.BadRequest);
        var absent = await ImportAsync(_api.Owner, Path.Combine(_work, "no-such-dir"), HttpStatusCode.BadRequest);
        var scheme = await ImportAsync(_api.Owner, "ftp://example.invalid/osv.zip", HttpStatusCode.BadRequest);

        Assert.Contains("source is required", missing.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("no such file or directory", absent.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("only http and https", scheme.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_Owner_and_Contributor_at_server_scope_import_and_readers_see_status()
    {
        var folder = Copy("rustsec/crates/RUSTSEC-2019-0031.json");
        var contributor = await _api.CreateUserAsync("Contributor");
        var reader = await _api.CreateUserAsync("Reader");
        var registryOwner = await _api.CreateUserAsync("Owner", "/registries/default");
        var before = await StatusAsync();

        await ImportAsync(server.CreateClient(reader.Username, reader.Password), folder, HttpStatusCode.Forbidden);
        await ImportAsync(server.CreateClient(registryOwner.Username, registryOwner.Password), folder, HttpStatusCode.Forbidden);
        await ImportAsync(server.CreateAnonymousClient(), folder, HttpStatusCode.Unauthorized);
        Assert.Equal(Sources(before), Sources(await StatusAsync()));

        await ImportAsync(server.CreateClient(contributor.Username, contributor.Password), folder, HttpStatusCode.OK);
        using var status = await server.CreateClient(reader.Username, reader.Password).GetAsync("/api/v1/advisories/status");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        using var anonymous = await server.CreateAnonymousClient().GetAsync("/api/v1/advisories/status");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_advisory_endpoints()
    {
        using var response = await _api.Owner.GetAsync("/api/v1/openapi.json");
        var document = await AuthApi.ExpectAsync(response, HttpStatusCode.OK);

        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/advisories/imports").TryGetProperty("post", out var post));
        Assert.Equal("ImportAdvisories", post.GetProperty("operationId").GetString());
        Assert.True(paths.GetProperty("/api/v1/advisories/status").TryGetProperty("get", out _));
    }

    private static string Sources(JsonElement status) =>
        string.Join("\n", status.GetProperty("sources").EnumerateArray().Select(s =>
            $"{s.GetProperty("name")}:{s.GetProperty("advisories")}:{s.GetProperty("withdrawn")}:{s.GetProperty("packages")}:{s.GetProperty("lastImportId")}"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
