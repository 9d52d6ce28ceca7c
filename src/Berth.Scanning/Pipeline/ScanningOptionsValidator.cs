using Microsoft.Extensions.Options;

namespace Berth.Scanning.Pipeline;

/// <summary>Start-up validation of <see cref="ScanningOptions"/> with messages that name the setting.</summary>
public sealed class ScanningOptionsValidator : IValidateOptions<ScanningOptions>
{
    public ValidateOptionsResult Validate(string? name, ScanningOptions options)
    {
        var failures = new List<string>();
        if (options.Concurrency is < 1 or > 64)
        {
            failures.Add($"Berth:Scanning:Concurrency must be between 1 and 64 (was {options.Concurrency})");
        }

        if (options.QueueCapacity is < 1 or > 1_000_000)
        {
            failures.Add($"Berth:Scanning:QueueCapacity must be between 1 and 1000000 (was {options.QueueCapacity})");
        }

        Positive(failures, "RescanInterval", options.RescanInterval);
        Positive(failures, "PushedWithin", options.PushedWithin);
        Positive(failures, "PulledWithin", options.PulledWithin);
        Positive(failures, "AdvisoryCheckInterval", options.AdvisoryCheckInterval);
        Positive(failures, "InUseWithin", options.InUseWithin);
        if (options.YieldToPushesFor < TimeSpan.Zero || options.MaxYield < TimeSpan.Zero)
        {
            failures.Add("Berth:Scanning:YieldToPushesFor and MaxYield must not be negative");
        }
        if (options.MaxListedFindings is < 1 or > 100)
        {
            failures.Add($"Berth:Scanning:MaxListedFindings must be between 1 and 100 (was {options.MaxListedFindings})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"Berth:Scanning:{key} must be a positive duration such as 1.00:00:00 (was {value})");
        }
    }
}
