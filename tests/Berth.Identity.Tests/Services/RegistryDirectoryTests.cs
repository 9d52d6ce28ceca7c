using Berth.Core.Identity;
using Berth.Core.Registries;
using Berth.Identity.Tests.Infrastructure;

namespace Berth.Identity.Tests.Services;

/// <summary>The cached registry directory and the registry manager over the real SQLite stores.</summary>
public sealed class RegistryDirectoryTests : IDisposable
{
    private readonly IdentityHarness h = new();

    public void Dispose() => h.Dispose();

    private static CancellationToken Ct => IdentityHarness.Ct;

    private async Task<RegistryRecord> CreateAsync(string name, Sku sku = Sku.Standard) =>
        (await h.Registries.CreateAsync(new RegistryDraft(name, sku, false, new Dictionary<string, string>()), false, IdentityHarness.Actor, Ct)).Registry;

    [Theory]
    [InlineData("contoso1.registry.test")]
    [InlineData("contoso1.registry.test:5000")]
    [InlineData("CONTOSO1.Registry.Test:443")]
    [InlineData("contoso1.registry.test.")]
    public async Task A_login_server_resolves_to_its_registry_whatever_the_port_and_case(string host)
    {
        var created = await CreateAsync("Contoso1");

        var found = await h.RegistryDirectory.ResolveHostAsync(host, Ct);

        Assert.Equal(created.Id, found?.Id);
        Assert.Equal("contoso1.registry.test", found!.LoginServer);
    }

    [Theory]
    [InlineData("127.0.0.1:5000")]
    [InlineData("localhost")]
    [InlineData("[::1]:5000")]
    [InlineData("")]
    [InlineData("nosuchregistry.registry.test")]
    [InlineData("contoso1.registry.test.evil.example")]
    public async Task Any_other_host_resolves_to_the_default_registry(string host)
    {
        await CreateAsync("contoso1");

        var found = await h.RegistryDirectory.ResolveHostAsync(host, Ct);

        Assert.Equal("default", found?.Name);
    }

    [Fact]
    public async Task Changes_through_the_manager_are_visible_to_the_next_lookup()
    {
        Assert.Null(await h.RegistryDirectory.FindByNameAsync("contoso2", Ct));
        var created = await CreateAsync("contoso2", Sku.Basic);
        Assert.Equal(Sku.Basic, (await h.RegistryDirectory.FindByNameAsync("CONTOSO2", Ct))?.Sku);

        await h.Registries.UpdateAsync(created.Id, new RegistryChanges(Sku: Sku.Premium, NetworkRules: new NetworkRuleSet(NetworkDefaultAction.Deny, ["10.0.0.0/8"], true)), true, IdentityHarness.Actor, Ct);
        var updated = await h.RegistryDirectory.FindByIdAsync(created.Id, Ct);
        Assert.Equal(Sku.Premium, updated?.Sku);
        Assert.True(updated!.AdminUserEnabled);
        Assert.Equal(NetworkDefaultAction.Deny, updated.NetworkRules?.DefaultAction);

        await h.Registries.DeleteAsync(created.Id, IdentityHarness.Actor, Ct);
        Assert.Null(await h.RegistryDirectory.FindByIdAsync(created.Id, Ct));
        Assert.Equal("default", (await h.RegistryDirectory.ResolveHostAsync("contoso2.registry.test", Ct))?.Name);
        var trail = (await h.AuditTrail()).Where(e => e.Target == "registries/contoso2").Select(e => e.Action).ToList();
        Assert.Equal(["registry.create", "registry.update", "registry.delete"], trail.Where(a => a.StartsWith("registry.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Network_rules_need_premium_and_must_be_cidr_ranges()
    {
        var basic = await CreateAsync("contoso3", Sku.Basic);

        var onBasic = await Assert.ThrowsAsync<IdentityException>(() => h.Registries.UpdateAsync(basic.Id, new RegistryChanges(NetworkRules: new NetworkRuleSet(NetworkDefaultAction.Deny, [], true)), null, IdentityHarness.Actor, Ct));
        Assert.Equal(IdentityErrorKind.Conflict, onBasic.Kind);
        var malformed = await Assert.ThrowsAsync<IdentityException>(() => h.Registries.UpdateAsync(basic.Id, new RegistryChanges(Sku: Sku.Premium, NetworkRules: new NetworkRuleSet(NetworkDefaultAction.Allow, ["10.0.0.0/33"], true)), null, IdentityHarness.Actor, Ct));
        Assert.Equal(IdentityErrorKind.Invalid, malformed.Kind);
        Assert.Equal(Sku.Basic, (await h.Registries.GetAsync(basic.Id, Ct)).Sku);
    }

    [Fact]
    public async Task The_default_registry_cannot_be_deleted()
    {
        var refused = await Assert.ThrowsAsync<IdentityException>(() => h.Registries.DeleteAsync(1, IdentityHarness.Actor, Ct));

        Assert.Equal(IdentityErrorKind.Conflict, refused.Kind);
        Assert.NotNull(await h.RegistryDirectory.FindByIdAsync(1, Ct));
    }
}
