using Berth.Core.Identity;
using Berth.Identity.Tests.Infrastructure;
using static Berth.Identity.Tests.Infrastructure.IdentityHarness;

namespace Berth.Identity.Tests.Storage;

/// <summary>Two service stacks on one database file stand in for two server replicas.</summary>
public sealed class CrossProcessTests : IDisposable
{
    private readonly IdentityHarness a = new();
    private readonly IdentityHarness b;

    public CrossProcessTests() => b = new IdentityHarness(databaseFile: a.FilePath);

    public void Dispose()
    {
        b.Dispose();
        a.Dispose();
    }

    [Fact]
    public async Task A_change_in_one_process_reaches_the_other_within_the_poll_interval()
    {
        var user = await a.Users.CreateAsync("alice", null, Actor, Ct);
        Assert.NotNull((await b.Login("alice", user.Secret)).Principal);
        Assert.NotNull(await b.Auth.GetActiveAsync(user.Item.Id, Ct));

        await a.Users.DeleteAsync("alice", Actor, Ct);
        Assert.Null(await a.Auth.GetActiveAsync(user.Item.Id, Ct));
        b.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await b.Login("alice", user.Secret)).Failure);
        Assert.Null(await b.Auth.GetActiveAsync(user.Item.Id, Ct));
    }

    [Fact]
    public async Task Grants_and_locks_changed_elsewhere_are_seen_after_the_poll_interval()
    {
        var user = await a.Users.CreateAsync("alice", null, Actor, Ct);
        var principal = (await b.Login("alice", user.Secret)).Principal!;
        Assert.Empty(await b.Auth.GetGrantsAsync(principal, Registry, Ct));
        Assert.Equal(ObjectLocks.Unlocked, await b.Locks.GetEffectiveAsync(Registry, "x", null, null, Ct));

        await a.Roles.CreateAsync("alice", "AcrPull", "/", Actor, Ct);
        await a.Locks.SetAsync(Registry, "x", null, null, new ObjectLocks(ReadEnabled: false), Ct);
        b.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Single(await b.Auth.GetGrantsAsync(principal, Registry, Ct));
        Assert.False((await b.Locks.GetEffectiveAsync(Registry, "x", null, null, Ct)).ReadEnabled);
    }
}
