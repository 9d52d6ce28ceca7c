using Berth.Core.Registries;

namespace Berth.Core.Tests.Registries;

public sealed class RegistryOptionsTests
{
    [Theory]
    [InlineData("registry.local", "default", true)]
    [InlineData("registry.example.com", "contoso1", true)]
    [InlineData("registry.local:5000", "default", false)]
    [InlineData("-bad.example", "default", false)]
    [InlineData("", "default", false)]
    [InlineData("registry.local", "abc", false)]
    [InlineData("registry.local", "has-dash", false)]
    public void Domain_and_default_registry_are_validated_with_the_setting_named(string domain, string defaultRegistry, bool valid)
    {
        var result = new RegistriesOptionsValidator().Validate(null, new RegistriesOptions { Domain = domain, DefaultRegistry = defaultRegistry });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Berth:Registries:", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Login_servers_are_the_lower_case_name_under_the_domain()
    {
        Assert.Equal("contoso1.registry.example.com", new RegistriesOptions { Domain = "Registry.Example.com" }.LoginServerOf("Contoso1"));
    }

    [Fact]
    public void Sku_figures_default_to_acr_and_negative_ones_are_refused()
    {
        var options = new SkuOptions();
        Assert.Equal(10L * 1024 * 1024 * 1024, options.For(Sku.Basic).IncludedStorageBytes);
        Assert.Equal(500, options.For(Sku.Premium).Webhooks);
        Assert.True(new SkuOptionsValidator().Validate(null, options).Succeeded);

        options.Standard.IncludedStorageBytes = -1;
        options.Premium.ReadOperationsPerMinute = 0;
        var result = new SkuOptionsValidator().Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Contains("Berth:Skus:Standard", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Berth:Skus:Premium", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contoso", true)]
    [InlineData("Contoso2024", true)]
    [InlineData("abcd", false)]
    [InlineData("con-toso", false)]
    [InlineData("contoso.io", false)]
    [InlineData("contosö1", false)]
    public void Registry_names_follow_acr_rules(string name, bool valid) => Assert.Equal(valid, RegistryNameRules.IsValid(name));

    [Fact]
    public void Storage_refusal_names_used_added_and_limit_bytes()
    {
        Assert.Null(RegistryLimits.StorageRefusal(10, 90, 100));
        var refusal = RegistryLimits.StorageRefusal(10, 91, 100);

        Assert.NotNull(refusal);
        Assert.Equal("Size", refusal.Limit);
        Assert.Contains("uses 10 bytes of its 100-byte limit and this push adds 91 bytes", refusal.Message, StringComparison.Ordinal);
    }
}
