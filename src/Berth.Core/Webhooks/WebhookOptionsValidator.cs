using Microsoft.Extensions.Options;

namespace Berth.Core.Webhooks;

/// <summary>Start-up validation of <c>Berth:Webhooks</c>.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var errors = new List<string>();
        foreach (var (key, value) in new[]
        {
            ("Timeout", options.Timeout), ("RetryDelay", options.RetryDelay), ("MaxRetryDelay", options.MaxRetryDelay),
            ("RetryWindow", options.RetryWindow), ("RetryPollInterval", options.RetryPollInterval), ("LogRetention", options.LogRetention),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{WebhookOptions.Section}:{key} must be a positive time span such as 00:00:10 (got {value})");
            }
        }

        if (options.MaxRetryDelay < options.RetryDelay)
        {
            errors.Add($"{WebhookOptions.Section}:MaxRetryDelay ({options.MaxRetryDelay}) must not be shorter than RetryDelay ({options.RetryDelay})");
        }

        if (options.Concurrency is < 1 or > 256)
        {
            errors.Add($"{WebhookOptions.Section}:Concurrency must be between 1 and 256 (got {options.Concurrency})");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
