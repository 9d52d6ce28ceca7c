using Berth.Core.Identity;
using Berth.Identity.Tests.Infrastructure;
using static Berth.Identity.Tests.Infrastructure.IdentityHarness;

namespace Berth.Identity.Tests.Services;

public sealed class ServicePrincipalDirectoryTests : IDisposable
{
    private readonly IdentityHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task Create_issues_an_app_id_and_a_secret_expiring_in_a_year()
    {
        var created = await h.ServicePrincipals.CreateAsync("ci", null, Actor, Ct);
        var sp = created.Item;

        Assert.True(Guid.TryParse(sp.AppId, out _));
        Assert.Equal(sp.AppId, sp.AppId.ToLowerInvariant());
        Assert.StartsWith("sp_", sp.Id, StringComparison.Ordinal);
        var secret = Assert.Single(sp.Secrets);
        Assert.Equal(T0 + TimeSpan.FromDays(365), secret.ExpiresAt);
        Assert.True(Guid.TryParse(secret.Id, out _));
        Assert.Equivalent(sp, await h.ServicePrincipals.GetAsync(sp.AppId, Ct), strict: true);
        Assert.Equivalent(sp, await h.ServicePrincipals.GetAsync("CI", Ct), strict: true);
        Assert.Equivalent(sp, await h.ServicePrincipals.GetAsync(sp.Id, Ct), strict: true);
        Assert.Equivalent(sp, await h.ServicePrincipals.GetAsync(sp.AppId.ToUpperInvariant(), Ct), strict: true);
        Assert.Equivalent(new[] { sp }, await h.ServicePrincipals.ListAsync(Ct), strict: true);
        var login = await h.Login(sp.AppId, created.Secret);
        Assert.Equal(new Principal(sp.Id, PrincipalKind.ServicePrincipal, "ci"), login.Principal);
    }

    [Fact]
    public async Task The_secret_expires_and_then_reports_expired()
    {
        var created = await h.ServicePrincipals.CreateAsync("ci", TimeSpan.FromDays(2), Actor, Ct);
        Assert.NotNull((await h.Login(created.Item.AppId, created.Secret)).Principal);
        Assert.NotNull(await h.Auth.GetActiveAsync(created.Item.Id, Ct));

        h.Time.Advance(TimeSpan.FromDays(2));

        Assert.Equal(AuthenticationFailure.Expired, (await h.Login(created.Item.AppId, created.Secret)).Failure);
        Assert.Null(await h.Auth.GetActiveAsync(created.Item.Id, Ct));
    }

    [Fact]
    public async Task Appended_secrets_all_work_and_reset_keeps_only_the_new_one()
    {
        var created = await h.ServicePrincipals.CreateAsync("ci", null, Actor, Ct);
        var appId = created.Item.AppId;

        var second = await h.ServicePrincipals.ResetCredentialAsync(appId, TimeSpan.FromDays(30), append: true, "rotation", Actor, Ct);

        Assert.Equal(2, second!.Item.Secrets.Count);
        Assert.Contains(second.Item.Secrets, s => s.Description == "rotation" && s.ExpiresAt == T0 + TimeSpan.FromDays(30));
        Assert.NotNull((await h.Login(appId, created.Secret)).Principal);
        Assert.NotNull((await h.Login(appId, second.Secret)).Principal);

        var reset = await h.ServicePrincipals.ResetCredentialAsync("ci", null, append: false, null, Actor, Ct);

        Assert.Single(reset!.Item.Secrets);
        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login(appId, created.Secret)).Failure);
        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login(appId, second.Secret)).Failure);
        Assert.NotNull((await h.Login(appId, reset.Secret)).Principal);
    }

    [Fact]
    public async Task Deleting_one_credential_stops_only_it_and_the_last_one_ends_refresh()
    {
        var created = await h.ServicePrincipals.CreateAsync("ci", null, Actor, Ct);
        var second = await h.ServicePrincipals.ResetCredentialAsync("ci", null, append: true, null, Actor, Ct);
        var firstId = created.Item.Secrets[0].Id;

        Assert.True(await h.ServicePrincipals.DeleteCredentialAsync("ci", firstId, Actor, Ct));

        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login(created.Item.AppId, created.Secret)).Failure);
        Assert.NotNull((await h.Login(created.Item.AppId, second!.Secret)).Principal);
        Assert.False(await h.ServicePrincipals.DeleteCredentialAsync("ci", firstId, Actor, Ct));
        Assert.NotNull(await h.Auth.GetActiveAsync(created.Item.Id, Ct));

        var lastId = second.Item.Secrets.Single(s => s.Id != firstId).Id;
        Assert.True(await h.ServicePrincipals.DeleteCredentialAsync("ci", lastId, Actor, Ct));
        Assert.Null(await h.Auth.GetActiveAsync(created.Item.Id, Ct));
    }

    [Fact]
    public async Task Secret_count_and_lifetimes_are_bounded()
    {
        using var small = new IdentityHarness(o => o.MaxServicePrincipalSecrets = 2);
        await small.ServicePrincipals.CreateAsync("ci", null, Actor, Ct);
        await small.ServicePrincipals.ResetCredentialAsync("ci", null, true, null, Actor, Ct);

        Assert.Equal(IdentityErrorKind.Conflict, (await Assert.ThrowsAsync<IdentityException>(() => small.ServicePrincipals.ResetCredentialAsync("ci", null, true, null, Actor, Ct))).Kind);
        Assert.Single((await small.ServicePrincipals.ResetCredentialAsync("ci", null, false, null, Actor, Ct))!.Item.Secrets);
        Assert.Equal(IdentityErrorKind.Invalid, (await Assert.ThrowsAsync<IdentityException>(() => small.ServicePrincipals.CreateAsync("x", TimeSpan.Zero, Actor, Ct))).Kind);
        Assert.Equal(IdentityErrorKind.Invalid, (await Assert.ThrowsAsync<IdentityException>(() => small.ServicePrincipals.CreateAsync("x", TimeSpan.FromDays(-1), Actor, Ct))).Kind);
    }

    [Fact]
    public async Task Delete_removes_the_principal_and_stops_it()
    {
        var created = await h.ServicePrincipals.CreateAsync("ci", null, Actor, Ct);
        Assert.NotNull((await h.Login(created.Item.AppId, created.Secret)).Principal);

        Assert.True(await h.ServicePrincipals.DeleteAsync(created.Item.AppId, Actor, Ct));

        Assert.Null(await h.ServicePrincipals.GetAsync("ci", Ct));
        Assert.Equal(AuthenticationFailure.InvalidCredentials, (await h.Login(created.Item.AppId, created.Secret)).Failure);
        Assert.Null(await h.Auth.GetActiveAsync(created.Item.Id, Ct));
        Assert.False(await h.ServicePrincipals.DeleteAsync("ci", Actor, Ct));
        Assert.Null(await h.ServicePrincipals.ResetCredentialAsync("ci", null, true, null, Actor, Ct));
        Assert.Equal(["service-principal.create", "service-principal.delete"], (await h.AuditTrail()).Where(e => e.Action.StartsWith("service", StringComparison.Ordinal)).Select(e => e.Action));
    }

    [Fact]
    public async Task Names_are_unique_and_audit_names_the_app_id()
    {
        var created = await h.ServicePrincipals.CreateAsync("ci", null, Actor, Ct);
        await h.ServicePrincipals.ResetCredentialAsync("ci", null, true, null, Actor, Ct);

        Assert.Equal(IdentityErrorKind.Conflict, (await Assert.ThrowsAsync<IdentityException>(() => h.ServicePrincipals.CreateAsync("CI", null, Actor, Ct))).Kind);
        var trail = await h.AuditTrail();
        Assert.Equal(["service-principal.create", "service-principal.credential.add"], trail.Select(e => e.Action));
        Assert.All(trail, e => Assert.Equal($"service-principals/{created.Item.AppId}", e.Target));
    }
}
