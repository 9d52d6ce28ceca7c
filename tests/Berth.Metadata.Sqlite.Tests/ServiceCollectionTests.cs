using Berth.Core.Metadata;
using Berth.Metadata.Sqlite.Database;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Metadata.Sqlite.Tests;

public sealed class ServiceCollectionTests
{
    [Fact]
    public void Add_sqlite_metadata_registers_every_contract_as_a_singleton_over_one_database()
    {
        var directory = Path.Combine(Path.GetTempPath(), "berth-sqlite-tests", Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection().AddSqliteMetadata(Path.Combine(directory, "m.db"), o => o.Synchronous = "NORMAL");
        Directory.Delete(directory, recursive: true);

        foreach (var contract in new[] { typeof(IRepositoryStore), typeof(IBlobIndex), typeof(IManifestStore), typeof(IUploadStore), typeof(IGarbageIndex) })
        {
            var descriptor = Assert.Single(services, d => d.ServiceType == contract);
            Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
        }

        var database = Assert.Single(services, d => d.ServiceType == typeof(SqliteDatabase)).ImplementationInstance;
        Assert.IsType<SqliteDatabase>(database);
        Assert.Equal("NORMAL", Assert.IsType<SqliteMetadataOptions>(Assert.Single(services, d => d.ServiceType == typeof(SqliteMetadataOptions)).ImplementationInstance).Synchronous);
        Assert.Single(services, d => d.ServiceType == typeof(TimeProvider));
    }

    [Fact]
    public void Invalid_options_fail_at_registration() =>
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSqliteMetadata("x.db", o => o.Synchronous = "OFF"));
}
