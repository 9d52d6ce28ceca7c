using Berth.Core.Identity;
using Berth.Identity.Tests.Infrastructure;
using static Berth.Identity.Tests.Infrastructure.IdentityHarness;

namespace Berth.Identity.Tests.Services;

public sealed class ScopeMapDirectoryTests : IDisposable
{
    private readonly IdentityHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task Every_registry_has_the_three_read_only_system_maps()
    {
        var other = h.AddRegistry("other");

        foreach (var registry in new[] { Registry, other })
        {
            var maps = await h.ScopeMaps.ListAsync(registry, Ct);
            Assert.Equal(["_repositories_admin", "_repositories_pull", "_repositories_push"], maps.Select(m => m.Name));
            Assert.All(maps, m => Assert.True(m.System));
        }

        var pull = await h.ScopeMaps.GetAsync(Registry, "_repositories_pull", Ct);
        var push = await h.ScopeMaps.GetAsync(Registry, "_repositories_push", Ct);
        var admin = await h.ScopeMaps.GetAsync(Registry, "_repositories_admin", Ct);
        Assert.Equal(["repositories/*/content/read", "repositories/*/metadata/read"], pull!.Actions.Order());
        Assert.Equal(["repositories/*/content/read", "repositories/*/content/write", "repositories/*/metadata/read", "repositories/*/metadata/write"], push!.Actions.Order());
        Assert.Equal(5, admin!.Actions.Count);

        foreach (var name in new[] { "_repositories_pull", "_repositories_push", "_repositories_admin" })
        {
            Assert.Equal(IdentityErrorKind.Forbidden, (await Assert.ThrowsAsync<IdentityException>(() => h.ScopeMaps.DeleteAsync(Registry, name, Actor, Ct))).Kind);
            Assert.Equal(IdentityErrorKind.Forbidden, (await Assert.ThrowsAsync<IdentityException>(() => h.ScopeMaps.UpdateAsync(Registry, name, ["repositories/x/content/read"], [], null, Actor, Ct))).Kind);
            Assert.Equal(IdentityErrorKind.Conflict, (await Assert.ThrowsAsync<IdentityException>(() => h.ScopeMaps.CreateAsync(Registry, name, ["repositories/x/content/read"], null, Actor, Ct))).Kind);
        }
    }

    [Fact]
    public async Task Create_get_list_update_delete()
    {
        var created = await h.ScopeMaps.CreateAsync(Registry, "team", ["repositories/team/*/content/read", "repositories/team/*/content/read", "repositories/team/*/metadata/read"], "team pull", Actor, Ct);

        Assert.Equal(new ScopeMapInfo(Registry, "team", "team pull", created.Actions, false, T0), created);
        Assert.Equal(2, created.Actions.Count);
        Assert.Equal(created.Actions.Order(), (await h.ScopeMaps.GetAsync(Registry, "TEAM", Ct))!.Actions.Order());
        Assert.Contains(await h.ScopeMaps.ListAsync(Registry, Ct), m => m.Name == "team");

        var updated = await h.ScopeMaps.UpdateAsync(Registry, "team", ["repositories/team/*/content/write"], ["repositories/team/*/metadata/read", "repositories/not/there/content/read"], "team push", Actor, Ct);

        Assert.Equal(["repositories/team/*/content/read", "repositories/team/*/content/write"], updated!.Actions.Order());
        Assert.Equal("team push", updated.Description);
        Assert.Equal("team push", (await h.ScopeMaps.UpdateAsync(Registry, "team", [], [], null, Actor, Ct))!.Description);
        Assert.Null(await h.ScopeMaps.UpdateAsync(Registry, "nope", ["repositories/x/content/read"], [], null, Actor, Ct));
        Assert.True(await h.ScopeMaps.DeleteAsync(Registry, "team", Actor, Ct));
        Assert.False(await h.ScopeMaps.DeleteAsync(Registry, "team", Actor, Ct));
        Assert.Null(await h.ScopeMaps.GetAsync(Registry, "team", Ct));
        Assert.Equal(["scope-map.create", "scope-map.update", "scope-map.update", "scope-map.delete"], (await h.AuditTrail()).Select(e => e.Action));
    }

    [Fact]
    public async Task Actions_are_validated()
    {
        var e = await Assert.ThrowsAsync<IdentityException>(() => h.ScopeMaps.CreateAsync(Registry, "bad", ["repositories/x/content/list"], null, Actor, Ct));
        Assert.Equal(IdentityErrorKind.Invalid, e.Kind);
        Assert.Contains("repositories/x/content/list", e.Message, StringComparison.Ordinal);
        Assert.Equal(IdentityErrorKind.Invalid, (await Assert.ThrowsAsync<IdentityException>(() => h.ScopeMaps.CreateAsync(Registry, "empty", [], null, Actor, Ct))).Kind);
        Assert.Equal(IdentityErrorKind.Invalid, (await Assert.ThrowsAsync<IdentityException>(() => h.ScopeMaps.CreateAsync(Registry, "_mine", ["repositories/x/content/read"], null, Actor, Ct))).Kind);
        await h.ScopeMaps.CreateAsync(Registry, "one", ["repositories/x/content/read"], null, Actor, Ct);
        Assert.Equal(IdentityErrorKind.Invalid, (await Assert.ThrowsAsync<IdentityException>(() => h.ScopeMaps.UpdateAsync(Registry, "one", [], ["repositories/x/content/read"], null, Actor, Ct))).Kind);
        Assert.Equal(IdentityErrorKind.Invalid, (await Assert.ThrowsAsync<IdentityException>(() => h.ScopeMaps.UpdateAsync(Registry, "one", ["nonsense"], [], null, Actor, Ct))).Kind);
        Assert.Equal(IdentityErrorKind.Conflict, (await Assert.ThrowsAsync<IdentityException>(() => h.ScopeMaps.CreateAsync(Registry, "ONE", ["repositories/x/content/read"], null, Actor, Ct))).Kind);
        Assert.Equal(IdentityErrorKind.NotFound, (await Assert.ThrowsAsync<IdentityException>(() => h.ScopeMaps.ListAsync(42, Ct))).Kind);
    }

    [Fact]
    public async Task A_map_in_use_cannot_be_deleted_until_its_tokens_move_away()
    {
        await h.ScopeMaps.CreateAsync(Registry, "team", ["repositories/team/*/content/read"], null, Actor, Ct);
        await h.Tokens.CreateAsync(Registry, "ci", "team", true, null, Actor, Ct);

        var e = await Assert.ThrowsAsync<IdentityException>(() => h.ScopeMaps.DeleteAsync(Registry, "team", Actor, Ct));

        Assert.Equal(IdentityErrorKind.Conflict, e.Kind);
        await h.Tokens.UpdateAsync(Registry, "ci", "_repositories_pull", null, Actor, Ct);
        Assert.True(await h.ScopeMaps.DeleteAsync(Registry, "team", Actor, Ct));
    }

    [Fact]
    public async Task Updating_a_map_changes_its_tokens_rights_at_once()
    {
        await h.ScopeMaps.CreateAsync(Registry, "team", ["repositories/team/*/content/read"], null, Actor, Ct);
        var created = await h.Tokens.CreateAsync(Registry, "ci", "team", true, null, Actor, Ct);
        var token = (await h.Login("ci", created.Secret)).Principal!;
        Assert.False(await Allowed(token, "team/app", RepositoryAction.ContentWrite));

        await h.ScopeMaps.UpdateAsync(Registry, "team", ["repositories/team/*/content/write"], [], null, Actor, Ct);

        Assert.True(await Allowed(token, "team/app", RepositoryAction.ContentWrite));
        Assert.False(await Allowed(token, "other/app", RepositoryAction.ContentRead));
    }

    private async Task<bool> Allowed(Principal principal, string repository, RepositoryAction needed) =>
        AccessPolicy.Decide(principal, await h.Auth.GetGrantsAsync(principal, Registry, Ct), Registry, repository, needed, ObjectLocks.Unlocked).Allowed;
}
