using Microsoft.Extensions.Options;

namespace Berth.Core.Events;

/// <summary>Start-up validation of <c>Berth:Events</c>.</summary>
public sealed class EventOptionsValidator : IValidateOptions<EventOptions>
{
    public ValidateOptionsResult Validate(string? name, EventOptions options)
    {
        var errors = new List<string>();
        Positive(errors, "PollInterval", options.PollInterval);
        Positive(errors, "RetryDelay", options.RetryDelay);
        Positive(errors, "PurgeInterval", options.PurgeInterval);
        if (options.WakeDelay < TimeSpan.Zero || options.WakeDelay > TimeSpan.FromSeconds(10))
        {
            errors.Add($"{EventOptions.Section}:WakeDelay must be between 00:00:00 and 00:00:10 (got {options.WakeDelay})");
        }

        if (options.CursorSaveInterval < TimeSpan.Zero)
        {
            errors.Add($"{EventOptions.Section}:CursorSaveInterval must not be negative (got {options.CursorSaveInterval})");
        }

        if (options.Retention < TimeSpan.Zero)
        {
            errors.Add($"{EventOptions.Section}:Retention must not be negative (got {options.Retention})");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            errors.Add($"{EventOptions.Section}:BatchSize must be between 1 and 10000 (got {options.BatchSize})");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{EventOptions.Section}:{key} must be a positive time span such as 00:00:05 (got {value})");
        }
    }
}
