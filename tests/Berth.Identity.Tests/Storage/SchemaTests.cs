using Berth.Metadata.Sqlite;
using Berth.Metadata.Sqlite.Database;
using Berth.Identity.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using static Berth.Identity.Tests.Infrastructure.IdentityHarness;

namespace Berth.Identity.Tests.Storage;

public sealed class SchemaTests : IDisposable
{
    private readonly IdentityHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task Version_two_adds_the_identity_tables_and_an_admin_user_per_registry()
    {
        await h.Admin.GetAsync(Registry, Ct);

        Assert.Equal(Migrations.Steps.Count, h.Scalar("SELECT max(version) FROM schema_version;"));
        foreach (var table in new[] { "identity_state", "principals", "tokens", "secrets", "role_assignments", "scope_maps", "scope_map_actions", "object_attributes", "audit_log" })
        {
            Assert.Equal(1, h.Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @table;", new { table }));
        }

        Assert.Equal(0, h.Scalar("SELECT anonymous_pull FROM registries WHERE id = 1;"));
        Assert.Equal(1, h.Scalar("SELECT count(*) FROM principals WHERE id = 'adm_1' AND kind = 'admin' AND name = 'default' AND enabled = 0;"));
        var other = h.AddRegistry("other");
        Assert.Equal(1, h.Scalar("SELECT count(*) FROM principals WHERE id = 'adm_' || @other AND registry_id = @other AND enabled = 0;", new { other }));
        Assert.Equal("other", (await h.Admin.GetAsync(other, Ct)).Username);
    }

    [Fact]
    public async Task A_version_one_database_upgrades_in_place()
    {
        var path = Path.Combine(h.Directory, "v1.db");
        using (var c = new SqliteConnection($"Data Source={path}"))
        {
            c.Open();
            c.Execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);");
            c.Execute(Migrations.Steps[0], new { now = 5 });
            c.Execute("INSERT INTO schema_version (version, applied_at) VALUES (1, 5);");
            c.Execute("INSERT INTO repositories (registry_id, name, created_at) VALUES (1, 'kept/repo', 5);");
        }

        var upgraded = new SqliteDatabase(new SqliteMetadataOptions { DataFile = path });
        upgraded.EnsureMigrated();

        using var check = new SqliteConnection(upgraded.ConnectionString);
        check.Open();
        Assert.Equal(Migrations.Steps.Count, check.ExecuteScalar<long>("SELECT max(version) FROM schema_version;"));
        Assert.Equal("kept/repo", check.ExecuteScalar<string>("SELECT name FROM repositories;"));
        Assert.Equal(1, check.ExecuteScalar<long>("SELECT count(*) FROM principals WHERE id = 'adm_1';"));
        Assert.Equal(1, check.ExecuteScalar<long>("SELECT version FROM identity_state;"));
        check.Close();
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Deleting_a_principal_cascades_to_secrets_tokens_rows_and_role_assignments_but_the_admin_stays()
    {
        var token = await h.Tokens.CreateAsync(Registry, "ci", "_repositories_pull", true, null, Actor, Ct);
        await h.Tokens.DeleteAsync(Registry, "ci", Actor, Ct);
        await h.Admin.EnableAsync(Registry, Actor, Ct);

        Assert.Equal(0, h.Scalar("SELECT count(*) FROM tokens;"));
        Assert.Equal(0, h.Scalar("SELECT count(*) FROM secrets WHERE principal_id = @id;", new { id = token.Item.Id }));
        var store = h.Get<Berth.Core.Identity.Stores.IPrincipalStore>();
        var entry = new Berth.Core.Identity.AuditEntry(T0, "test", "x", null, null, null, true);
        Assert.False(await store.DeleteAsync("adm_1", entry, Ct));
        Assert.Equal(2, h.Scalar("SELECT count(*) FROM secrets WHERE principal_id = 'adm_1';"));
    }

    [Fact]
    public async Task Secrets_are_stored_only_as_pbkdf2_hashes()
    {
        var user = await h.Users.CreateAsync("alice", null, Actor, Ct);
        using var c = h.Raw();

        var hash = c.ExecuteScalar<string>("SELECT hash FROM secrets WHERE principal_id = @id;", new { id = user.Item.Id })!;

        Assert.StartsWith("pbkdf2-sha256$1000$", hash, StringComparison.Ordinal);
        var dump = string.Join('\n', c.Query<string>("SELECT hash || coalesce(description, '') FROM secrets;"));
        Assert.DoesNotContain(user.Secret, dump, StringComparison.Ordinal);
    }
}
