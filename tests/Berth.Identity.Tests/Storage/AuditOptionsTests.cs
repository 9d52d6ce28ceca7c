using Berth.Core.Identity.Audit;

namespace Berth.Identity.Tests.Storage;

public sealed class AuditOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_bad_values_are_named_in_the_message()
    {
        var validator = new AuditOptionsValidator();

        Assert.True(validator.Validate(null, new AuditOptions()).Succeeded);
        Assert.Equal(TimeSpan.FromDays(365), new AuditOptions().Retention);
        var bad = validator.Validate(null, new AuditOptions { Retention = TimeSpan.Zero, RetentionInterval = TimeSpan.Zero, QueueCapacity = 1 });

        Assert.True(bad.Failed);
        Assert.Contains("Berth:Audit:Retention", bad.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Berth:Audit:RetentionInterval", bad.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Berth:Audit:QueueCapacity", bad.FailureMessage, StringComparison.Ordinal);
    }
}
