using Berth.Core.Identity;
using Berth.Core.Identity.Locks;
using Berth.Core.Identity.Stores;
using Berth.Metadata.Sqlite;
using Berth.Identity.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Identity.Tests.Storage;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void Every_identity_contract_and_store_resolves_as_a_singleton()
    {
        using var h = new IdentityHarness();
        var contracts = new[]
        {
            typeof(IAuthenticator), typeof(IUserDirectory), typeof(IServicePrincipalDirectory), typeof(IManagedIdentityDirectory),
            typeof(IRepositoryTokenDirectory), typeof(IScopeMapDirectory), typeof(IRoleAssignmentDirectory), typeof(IAdminUserService),
            typeof(IRegistryAccessSettings), typeof(ILockStore), typeof(IAuditLog), typeof(IdentityBootstrap),
            typeof(IPrincipalStore), typeof(ISecretStore), typeof(IRoleAssignmentStore), typeof(IScopeMapStore),
            typeof(IObjectAttributeStore), typeof(IRegistryAccessStore), typeof(IAuditStore), typeof(IIdentityVersionStore),
        };

        foreach (var contract in contracts)
        {
            Assert.Same(h.Provider.GetRequiredService(contract), h.Provider.GetRequiredService(contract));
        }

        Assert.Same(h.Get<ILockStore>(), h.Get<LockStore>());
        Assert.IsType<ManualTime>(h.Get<TimeProvider>());
    }

    [Fact]
    public void Options_bind_from_the_berth_identity_section_and_are_validated()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Berth:Identity:PasswordHashIterations"] = "700000",
            ["Berth:Identity:InitialOwnerUsername"] = "root",
            ["Berth:Identity:FailureWindow"] = "00:10:00",
        }).Build();
        using var good = new ServiceCollection().AddBerthIdentity(configuration).BuildServiceProvider();

        var options = good.GetRequiredService<IOptions<IdentityOptions>>().Value;

        Assert.Equal((700_000, "root", TimeSpan.FromMinutes(10)), (options.PasswordHashIterations, options.InitialOwnerUsername, options.FailureWindow));
        using var bad = new ServiceCollection().AddBerthIdentity(configure: o => o.InitialOwnerUsername = "not valid").BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IOptions<IdentityOptions>>().Value);
        Assert.Contains("InitialOwnerUsername", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.Empty(new IdentityOptions().Validate());
        Assert.NotEmpty(new IdentityOptions { PasswordHashIterations = 0 }.Validate());
        Assert.NotEmpty(new IdentityOptions { InitialOwnerPassword = "short" }.Validate());
        Assert.NotEmpty(new IdentityOptions { FailureWindow = TimeSpan.Zero }.Validate());
    }

    [Fact]
    public void The_sqlite_stores_need_the_sqlite_metadata_database() =>
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSqliteIdentity());
}
