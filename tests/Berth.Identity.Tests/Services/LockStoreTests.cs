using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Core.Oci;
using Berth.Identity.Tests.Infrastructure;
using static Berth.Identity.Tests.Infrastructure.IdentityHarness;

namespace Berth.Identity.Tests.Services;

public sealed class LockStoreTests : IDisposable
{
    private static readonly Digest Manifest = Digest.Compute("manifest"u8.ToArray());
    private static readonly Digest OtherManifest = Digest.Compute("other"u8.ToArray());
    private readonly IdentityHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task Nothing_is_locked_by_default()
    {
        Assert.Equal(ObjectLocks.Unlocked, await h.Locks.GetEffectiveAsync(Registry, "team/app", "v1", Manifest, Ct));
    }

    [Fact]
    public async Task Repository_tag_and_manifest_locks_combine()
    {
        await h.Locks.SetAsync(Registry, "team/app", null, null, new ObjectLocks(ListEnabled: false), Ct);
        await h.Locks.SetAsync(Registry, "team/app", "v1", null, new ObjectLocks(WriteEnabled: false), Ct);
        await h.Locks.SetAsync(Registry, "team/app", null, Manifest, new ObjectLocks(DeleteEnabled: false), Ct);

        Assert.Equal(new ObjectLocks(true, true, true, false), await h.Locks.GetEffectiveAsync(Registry, "team/app", null, null, Ct));
        Assert.Equal(new ObjectLocks(false, true, true, false), await h.Locks.GetEffectiveAsync(Registry, "team/app", "v1", null, Ct));
        Assert.Equal(new ObjectLocks(true, true, true, false), await h.Locks.GetEffectiveAsync(Registry, "team/app", "v2", OtherManifest, Ct));
        Assert.Equal(new ObjectLocks(false, false, true, false), await h.Locks.GetEffectiveAsync(Registry, "team/app", "v1", Manifest, Ct));
        Assert.Equal(ObjectLocks.Unlocked, await h.Locks.GetEffectiveAsync(Registry, "team/other", "v1", Manifest, Ct));
        Assert.Equal(new ObjectLocks(WriteEnabled: false), await h.LockStore.GetOwnAsync(Registry, "team/app", "v1", null, Ct));
        Assert.Equal(new ObjectLocks(ListEnabled: false), await h.LockStore.GetOwnAsync(Registry, "team/app", null, null, Ct));
    }

    [Fact]
    public async Task Unlocking_removes_the_row_and_takes_effect_at_once()
    {
        await h.Locks.SetAsync(Registry, "team/app", "v1", null, new ObjectLocks(false, false, false, false), Ct);
        Assert.Equal(new ObjectLocks(false, false, false, false), await h.Locks.GetEffectiveAsync(Registry, "team/app", "v1", null, Ct));

        var result = await h.Locks.SetAsync(Registry, "team/app", "v1", null, ObjectLocks.Unlocked, Ct);

        Assert.Equal(ObjectLocks.Unlocked, result);
        Assert.Equal(ObjectLocks.Unlocked, await h.Locks.GetEffectiveAsync(Registry, "team/app", "v1", null, Ct));
        Assert.Equal(0, h.Scalar("SELECT count(*) FROM object_attributes;"));
    }

    [Fact]
    public async Task A_locked_tag_denies_an_owner_through_the_policy()
    {
        await h.Users.CreateAsync("root", null, Actor, Ct);
        await h.Roles.CreateAsync("root", "Owner", "/", Actor, Ct);
        var root = new Principal((await h.Users.GetAsync("root", Ct))!.Id, PrincipalKind.User, "root");
        await h.Locks.SetAsync(Registry, "team/app", "prod", null, new ObjectLocks(WriteEnabled: false, DeleteEnabled: false), Ct);
        var grants = await h.Auth.GetGrantsAsync(root, Registry, Ct);

        var locks = await h.Locks.GetEffectiveAsync(Registry, "team/app", "prod", null, Ct);

        Assert.False(AccessPolicy.Decide(root, grants, Registry, "team/app", RepositoryAction.ContentWrite, locks).Allowed);
        Assert.False(AccessPolicy.Decide(root, grants, Registry, "team/app", RepositoryAction.ContentDelete, locks).Allowed);
        Assert.True(AccessPolicy.Decide(root, grants, Registry, "team/app", RepositoryAction.ContentRead, locks).Allowed);
    }

    [Fact]
    public async Task Changes_are_audited_with_the_ambient_actor()
    {
        using (AuditContext.Use("203.0.113.9", "req-1", Actor))
        {
            await h.Locks.SetAsync(Registry, "team/app", "v1", null, new ObjectLocks(WriteEnabled: false), Ct);
        }

        await h.Locks.SetAsync(Registry, "team/app", null, Manifest, new ObjectLocks(ReadEnabled: false), Ct);
        var trail = await h.AuditTrail();

        Assert.Equal(("attributes.update", Actor.Id, "registries/default/repositories/team/app:v1", "203.0.113.9"), (trail[0].Action, trail[0].Actor, trail[0].Target, trail[0].SourceAddress));
        Assert.Contains("writeEnabled=False", trail[0].Detail, StringComparison.Ordinal);
        Assert.Equal(("system", $"registries/default/repositories/team/app@{Manifest}"), (trail[1].Actor, trail[1].Target));
    }

    [Fact]
    public async Task Invalid_objects_are_rejected()
    {
        Assert.Equal(IdentityErrorKind.Invalid, (await Assert.ThrowsAsync<IdentityException>(() => h.Locks.SetAsync(Registry, "team/app", "v1", Manifest, ObjectLocks.Unlocked, Ct))).Kind);
        Assert.Equal(IdentityErrorKind.Invalid, (await Assert.ThrowsAsync<IdentityException>(() => h.Locks.SetAsync(Registry, "Team/App", null, null, ObjectLocks.Unlocked, Ct))).Kind);
        Assert.Equal(IdentityErrorKind.Invalid, (await Assert.ThrowsAsync<IdentityException>(() => h.Locks.SetAsync(Registry, "team/app", "bad tag", null, ObjectLocks.Unlocked, Ct))).Kind);
        Assert.Equal(IdentityErrorKind.NotFound, (await Assert.ThrowsAsync<IdentityException>(() => h.Locks.SetAsync(42, "team/app", null, null, ObjectLocks.Unlocked, Ct))).Kind);
    }
}
