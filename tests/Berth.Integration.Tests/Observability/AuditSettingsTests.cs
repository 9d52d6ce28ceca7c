using Berth.Integration.Tests.Infrastructure;
using Berth.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Berth.Integration.Tests.Observability;

public sealed class AuditSettingsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_bad_retention_stops_start_up_with_a_message_naming_the_setting()
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Berth:Listen"] = "127.0.0.1:0",
            ["Berth:Data"] = _temp.Combine("data"),
            ["Berth:Audit:Retention"] = "-1.00:00:00",
        };

        var error = Assert.Throws<OptionsValidationException>(() => BerthServer.Build(overrides));

        Assert.Contains("Berth:Audit:Retention", error.Message, StringComparison.Ordinal);
    }
}
