using Berth.Core.Identity;
using Berth.Core.Registries;
using Berth.Metadata.Sqlite.Registries;

namespace Berth.Metadata.Sqlite.Tests;

public sealed class RegistryStoreTests : IDisposable
{
    private readonly TestDatabase db = new();
    private readonly SqliteRegistryStore store;

    public RegistryStoreTests() => store = new SqliteRegistryStore(db.Database);

    public void Dispose() => db.Dispose();

    private static AuditEntry Audit(string action) => new(TestDatabase.T0, action, "usr_test", "registries/x", null, null, true, null);

    private Task<RegistryRecord?> Create(string name, Sku sku = Sku.Basic) =>
        store.CreateAsync(new RegistryDraft(name, sku, false, new Dictionary<string, string> { ["dept"] = "IT" }), TestDatabase.T0, Audit("registry.create"), TestDatabase.Ct);

    [Fact]
    public async Task The_seeded_default_registry_is_premium_open_and_empty()
    {
        var all = await store.ListAsync(TestDatabase.Ct);

        var seeded = Assert.Single(all);
        Assert.Equal("default", seeded.Name);
        Assert.Equal(Sku.Premium, seeded.Sku);
        Assert.False(seeded.AdminUserEnabled);
        Assert.Equal(NetworkRules.Open.DefaultAction, seeded.NetworkRules.DefaultAction);
        Assert.True(seeded.NetworkRules.PublicNetworkAccess);
        Assert.Equal(0, seeded.StorageBytes);
    }

    [Fact]
    public async Task Create_stores_the_registry_with_a_disabled_admin_user_and_refuses_a_name_differing_only_in_case()
    {
        var created = await Create("Contoso1");

        Assert.NotNull(created);
        Assert.Equal(Sku.Basic, created.Sku);
        Assert.Equal("IT", created.Tags["dept"]);
        Assert.Equal(0, db.Scalar("SELECT enabled FROM principals WHERE id = 'adm_' || @id;", new { id = created.Id }));
        Assert.Null(await Create("contoso1"));
        Assert.Equal(2, db.Scalar("SELECT count(*) FROM registries;"));
        Assert.Equal(1, db.Scalar("SELECT count(*) FROM audit_log;")); // the refused create wrote nothing
    }

    [Fact]
    public async Task Update_changes_only_the_given_fields()
    {
        var created = (await Create("contoso2"))!;
        var rules = new NetworkRuleSet(NetworkDefaultAction.Deny, ["10.0.0.0/8"], false);

        var updated = await store.UpdateAsync(created.Id, new RegistryChanges(Sku: Sku.Premium, NetworkRules: rules), Audit("registry.update"), TestDatabase.Ct);

        Assert.NotNull(updated);
        Assert.Equal(Sku.Premium, updated.Sku);
        Assert.Equal("IT", updated.Tags["dept"]);
        Assert.Equal(NetworkDefaultAction.Deny, updated.NetworkRules.DefaultAction);
        Assert.Equal(["10.0.0.0/8"], updated.NetworkRules.AllowedRanges);
        Assert.False(updated.NetworkRules.PublicNetworkAccess);
        Assert.Null(await store.UpdateAsync(999, new RegistryChanges(Sku: Sku.Basic), Audit("registry.update"), TestDatabase.Ct));
    }

    [Fact]
    public async Task Storage_counts_each_blob_once_per_registry_and_follows_deletes()
    {
        var other = (await Create("contoso3"))!;
        var a = await db.Repo("a");
        var b = await db.Repo("b");
        var elsewhere = await db.Repo("a", other.Id);
        var shared = await db.Blob(a, "shared layer");
        await db.Blobs.LinkAsync(b, shared.Digest, shared.Size, TestDatabase.T0, long.MaxValue, TestDatabase.Ct);
        await db.Blobs.LinkAsync(a, shared.Digest, shared.Size, TestDatabase.T0.AddHours(1), long.MaxValue, TestDatabase.Ct);
        var own = await db.Blob(b, "own layer!");
        await db.Blobs.LinkAsync(elsewhere, shared.Digest, shared.Size, TestDatabase.T0, long.MaxValue, TestDatabase.Ct);

        Assert.Equal(shared.Size + own.Size, await store.GetStorageBytesAsync(1, TestDatabase.Ct));
        Assert.Equal(shared.Size, await store.GetStorageBytesAsync(other.Id, TestDatabase.Ct));

        using (var c = db.Raw())
        {
            Dapper.SqlMapper.Execute(c, "DELETE FROM repository_blobs WHERE digest = @d; DELETE FROM blobs WHERE registry_id = 1 AND digest = @d;", new { d = own.Digest.ToString() });
        }

        Assert.Equal(shared.Size, await store.GetStorageBytesAsync(1, TestDatabase.Ct));
    }

    [Fact]
    public async Task Delete_removes_the_registry_and_its_content_but_not_another_registrys_copy_of_a_shared_blob()
    {
        var doomed = (await Create("contoso4"))!;
        var kept = await db.Repo("app");
        var gone = await db.Repo("app", doomed.Id);
        var shared = await db.Blob(kept, "shared");
        await db.Blobs.LinkAsync(gone, shared.Digest, shared.Size, TestDatabase.T0, long.MaxValue, TestDatabase.Ct);

        Assert.True(await store.DeleteAsync(doomed.Id, Audit("registry.delete"), TestDatabase.Ct));

        Assert.Null(await store.GetAsync(doomed.Id, TestDatabase.Ct));
        Assert.Equal(0, db.Scalar("SELECT count(*) FROM repositories WHERE registry_id = @id;", new { id = doomed.Id }));
        Assert.Equal(0, db.Scalar("SELECT count(*) FROM principals WHERE registry_id = @id;", new { id = doomed.Id }));
        Assert.Equal(1, db.Scalar("SELECT count(*) FROM blobs WHERE digest = @d;", new { d = shared.Digest.ToString() }));
        Assert.True(await db.Garbage.IsKnownAsync(shared.Digest, TestDatabase.Ct));
        Assert.Equal(shared.Size, await store.GetStorageBytesAsync(1, TestDatabase.Ct));
        Assert.False(await store.DeleteAsync(doomed.Id, Audit("registry.delete"), TestDatabase.Ct));

        // The highest id is gone, yet the next registry gets a new one.
        var next = await Create("contoso5");
        Assert.True(next!.Id > doomed.Id);
    }

    [Fact]
    public async Task A_link_past_the_storage_limit_changes_nothing_but_a_blob_the_registry_holds_links_anyway()
    {
        var a = await db.Repo("a");
        var b = await db.Repo("b");
        var held = await db.Blob(a, "0123456789"); // 10 bytes
        var big = Core.Oci.Digest.Compute("twelve bytes"u8.ToArray());

        Assert.False(await db.Blobs.LinkAsync(b, big, 12, TestDatabase.T0, 20, TestDatabase.Ct));
        Assert.Equal(10, await store.GetStorageBytesAsync(1, TestDatabase.Ct));
        Assert.Null(await db.Blobs.FindAsync(1, big, TestDatabase.Ct));
        Assert.Equal(0, db.Scalar("SELECT count(*) FROM repository_blobs WHERE repository_id = @id;", new { id = b.Id }));

        Assert.True(await db.Blobs.LinkAsync(b, held.Digest, held.Size, TestDatabase.T0, 5, TestDatabase.Ct));
        Assert.True(await db.Blobs.LinkAsync(b, big, 12, TestDatabase.T0, 22, TestDatabase.Ct));
        Assert.Equal(22, await store.GetStorageBytesAsync(1, TestDatabase.Ct));
    }
}
