using Berth.Core.Identity;
using Berth.Identity.Tests.Infrastructure;
using static Berth.Identity.Tests.Infrastructure.IdentityHarness;

namespace Berth.Identity.Tests.Services;

public sealed class UserDirectoryTests : IDisposable
{
    private readonly IdentityHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task Create_returns_the_password_once_and_get_and_list_never_show_it()
    {
        var created = await h.Users.CreateAsync("alice", null, Actor, Ct);

        Assert.Matches("^[A-Za-z0-9_-]{43}$", created.Secret);
        Assert.StartsWith("usr_", created.Item.Id, StringComparison.Ordinal);
        Assert.Equal(new UserInfo(created.Item.Id, "alice", true, T0), created.Item);
        Assert.Equal(created.Item, await h.Users.GetAsync("ALICE", Ct));
        Assert.Equal([created.Item], await h.Users.ListAsync(Ct));
        Assert.Equal(0, h.Scalar("SELECT count(*) FROM secrets WHERE hash LIKE '%' || @s || '%';", new { s = created.Secret }));
        Assert.True((await h.Login("alice", created.Secret)).Principal is { Kind: PrincipalKind.User, Name: "alice" });
    }

    [Fact]
    public async Task A_chosen_password_is_used_and_must_be_long_enough()
    {
        var created = await h.Users.CreateAsync("bob", "correct horse battery", Actor, Ct);

        Assert.Equal("correct horse battery", created.Secret);
        Assert.NotNull((await h.Login("bob", "correct horse battery")).Principal);
        var e = await Assert.ThrowsAsync<IdentityException>(() => h.Users.CreateAsync("carol", "short", Actor, Ct));
        Assert.Equal(IdentityErrorKind.Invalid, e.Kind);
        await Assert.ThrowsAsync<IdentityException>(() => h.Users.CreateAsync("carol", "has\ncontrol-characters", Actor, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("under_score")]
    public async Task Invalid_names_are_rejected(string name)
    {
        var e = await Assert.ThrowsAsync<IdentityException>(() => h.Users.CreateAsync(name, null, Actor, Ct));
        Assert.Equal(IdentityErrorKind.Invalid, e.Kind);
    }

    [Fact]
    public async Task Names_are_unique_ignoring_case()
    {
        await h.Users.CreateAsync("alice", null, Actor, Ct);

        var e = await Assert.ThrowsAsync<IdentityException>(() => h.Users.CreateAsync("Alice", null, Actor, Ct));
        Assert.Equal(IdentityErrorKind.Conflict, e.Kind);
    }

    [Fact]
    public async Task Reset_password_replaces_the_old_one_at_once()
    {
        var created = await h.Users.CreateAsync("alice", null, Actor, Ct);
        Assert.NotNull((await h.Login("alice", created.Secret)).Principal);

        var reset = await h.Users.ResetPasswordAsync("alice", null, Actor, Ct);

        Assert.NotNull(reset);
        Assert.NotEqual(created.Secret, reset.Secret);
        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login("alice", created.Secret)).Failure);
        Assert.NotNull((await h.Login("alice", reset.Secret)).Principal);
        Assert.Null(await h.Users.ResetPasswordAsync("nobody", null, Actor, Ct));
    }

    [Fact]
    public async Task Disable_and_enable_take_effect_immediately()
    {
        var created = await h.Users.CreateAsync("alice", null, Actor, Ct);
        Assert.NotNull((await h.Login("alice", created.Secret)).Principal);
        Assert.NotNull(await h.Auth.GetActiveAsync(created.Item.Id, Ct));

        var disabled = await h.Users.SetEnabledAsync("alice", false, Actor, Ct);

        Assert.False(disabled!.Enabled);
        Assert.Equal(AuthenticationFailure.Disabled, (await h.Login("alice", created.Secret)).Failure);
        Assert.Null(await h.Auth.GetActiveAsync(created.Item.Id, Ct));
        await h.Users.SetEnabledAsync("alice", true, Actor, Ct);
        Assert.NotNull((await h.Login("alice", created.Secret)).Principal);
        Assert.NotNull(await h.Auth.GetActiveAsync(created.Item.Id, Ct));
        Assert.Null(await h.Users.SetEnabledAsync("nobody", true, Actor, Ct));
    }

    [Fact]
    public async Task Deleting_a_user_stops_it_at_once_even_with_a_cached_login()
    {
        var created = await h.Users.CreateAsync("alice", null, Actor, Ct);
        await h.Roles.CreateAsync("alice", "AcrPull", "/", Actor, Ct);
        Assert.NotNull((await h.Login("alice", created.Secret)).Principal);
        Assert.NotNull(await h.Auth.GetActiveAsync(created.Item.Id, Ct));

        Assert.True(await h.Users.DeleteAsync("alice", Actor, Ct));

        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login("alice", created.Secret)).Failure);
        Assert.Null(await h.Auth.GetActiveAsync(created.Item.Id, Ct));
        Assert.Null(await h.Users.GetAsync("alice", Ct));
        Assert.Empty(await h.Roles.ListAsync(null, Ct));
        Assert.Equal(0, h.Scalar("SELECT count(*) FROM secrets WHERE principal_id = @id;", new { id = created.Item.Id }));
        Assert.False(await h.Users.DeleteAsync("alice", Actor, Ct));
    }

    [Fact]
    public async Task Every_change_is_audited_without_secrets()
    {
        var created = await h.Users.CreateAsync("alice", null, Actor, Ct);
        var reset = await h.Users.ResetPasswordAsync("alice", null, Actor, Ct);
        await h.Users.SetEnabledAsync("alice", false, Actor, Ct);
        await h.Users.SetEnabledAsync("alice", true, Actor, Ct);
        await h.Users.DeleteAsync("alice", Actor, Ct);

        var trail = await h.AuditTrail();

        Assert.Equal(["user.create", "user.reset-password", "user.disable", "user.enable", "user.delete"], trail.Select(e => e.Action));
        Assert.All(trail, e =>
        {
            Assert.Equal(Actor.Id, e.Actor);
            Assert.Equal("users/alice", e.Target);
            Assert.True(e.Success);
            Assert.DoesNotContain(created.Secret, e.Detail ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain(reset!.Secret, e.Detail ?? string.Empty, StringComparison.Ordinal);
        });
        Assert.Equal([1L, 2, 3, 4, 5], trail.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Audit_entries_carry_the_ambient_address_and_request_id()
    {
        using (Berth.Core.Identity.Audit.AuditContext.Use("198.51.100.7", "req-42"))
        {
            await h.Users.CreateAsync("alice", null, Actor, Ct);
        }

        await h.Users.CreateAsync("bob", null, Actor, Ct);
        var trail = await h.AuditTrail();

        Assert.Equal(("198.51.100.7", "req-42"), (trail[0].SourceAddress, trail[0].RequestId));
        Assert.Equal((null, null), (trail[1].SourceAddress, trail[1].RequestId));
    }
}
