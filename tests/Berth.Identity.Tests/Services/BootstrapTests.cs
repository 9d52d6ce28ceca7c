using Berth.Core.Identity;
using Berth.Identity.Tests.Infrastructure;
using static Berth.Identity.Tests.Infrastructure.IdentityHarness;

namespace Berth.Identity.Tests.Services;

public sealed class BootstrapTests : IDisposable
{
    private readonly IdentityHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task First_start_creates_an_owner_with_a_generated_password_once()
    {
        var owner = await h.Bootstrap.EnsureInitialOwnerAsync(Ct);

        Assert.NotNull(owner);
        Assert.Equal("owner", owner.Username);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", owner.GeneratedPassword!);
        var principal = (await h.Login("owner", owner.GeneratedPassword!)).Principal!;
        var assignment = Assert.Single(await h.Roles.ListAsync(null, Ct));
        Assert.Equal(("Owner", "/", principal.Id), (assignment.Role, assignment.Scope, assignment.PrincipalId));
        var grants = await h.Auth.GetGrantsAsync(principal, Registry, Ct);
        Assert.True(AccessPolicy.DecideResource(principal, grants, null, ResourcePermission.AssignRoles).Allowed);
        Assert.All(await h.AuditTrail(), e => Assert.DoesNotContain(owner.GeneratedPassword!, e.Detail ?? string.Empty, StringComparison.Ordinal));
        Assert.Equal("system", (await h.AuditTrail())[0].Actor);

        Assert.Null(await h.Bootstrap.EnsureInitialOwnerAsync(Ct));
        Assert.Single(await h.Users.ListAsync(Ct));
        Assert.Single(await h.Roles.ListAsync(null, Ct));
        Assert.NotNull((await h.Login("owner", owner.GeneratedPassword!)).Principal);
    }

    [Fact]
    public async Task A_configured_name_and_password_are_used_and_not_echoed()
    {
        using var configured = new IdentityHarness(o =>
        {
            o.InitialOwnerUsername = "root";
            o.InitialOwnerPassword = "configured-owner-password";
        });

        var owner = await configured.Bootstrap.EnsureInitialOwnerAsync(Ct);

        Assert.Equal(new InitialOwner("root", null), owner);
        Assert.NotNull((await configured.Login("root", "configured-owner-password")).Principal);
    }

    [Fact]
    public async Task Existing_users_mean_no_bootstrap()
    {
        await h.Users.CreateAsync("alice", null, Actor, Ct);

        Assert.Null(await h.Bootstrap.EnsureInitialOwnerAsync(Ct));
        Assert.Empty(await h.Roles.ListAsync(null, Ct));
    }

    [Fact]
    public async Task A_start_interrupted_before_the_role_was_assigned_is_finished_with_a_new_password()
    {
        var first = await h.Users.CreateAsync("owner", null, Actor, Ct);

        var owner = await h.Bootstrap.EnsureInitialOwnerAsync(Ct);

        Assert.NotNull(owner?.GeneratedPassword);
        Assert.NotEqual(first.Secret, owner.GeneratedPassword);
        Assert.Equal("Owner", Assert.Single(await h.Roles.ListAsync("owner", Ct)).Role);
        Assert.Null(await h.Bootstrap.EnsureInitialOwnerAsync(Ct));
    }

    [Fact]
    public async Task Concurrent_first_starts_create_exactly_one_owner()
    {
        using var second = new IdentityHarness(databaseFile: h.FilePath);

        var results = await Task.WhenAll(
            Task.Run(() => h.Bootstrap.EnsureInitialOwnerAsync(Ct)),
            Task.Run(() => second.Bootstrap.EnsureInitialOwnerAsync(Ct)));

        Assert.Single(results, r => r is not null);
        Assert.Single(await h.Users.ListAsync(Ct));
        Assert.Single(await h.Roles.ListAsync(null, Ct));
    }
}
