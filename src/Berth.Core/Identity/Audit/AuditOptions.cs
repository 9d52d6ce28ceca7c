using Microsoft.Extensions.Options;

namespace Berth.Core.Identity.Audit;

/// <summary>Audit log settings (section <c>Berth:Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string Section = "Berth:Audit";

    /// <summary>How long records are kept; older records are purged by the retention job behind a chain anchor.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How often the retention job runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Data-plane records (push, pull, delete) waiting for the background writer. When full, new records are
    /// dropped (counted in <c>berth_audit_dropped_records_total</c> and logged) rather than slowing requests.
    /// </summary>
    public int QueueCapacity { get; set; } = 65_536;

    /// <summary>
    /// Record every manifest GET as <c>repository.pull</c> (on by default). Like Harbor's switch for pull audit logs,
    /// turning it off removes the one audit row per pull on very busy read paths; pushes, deletes and logins stay audited.
    /// </summary>
    public bool RecordPulls { get; set; } = true;
}

/// <summary>Start-up validation of <see cref="AuditOptions"/> with messages naming the setting.</summary>
public sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    private static readonly TimeSpan MaxRetention = TimeSpan.FromDays(36_500);

    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var errors = new List<string>();
        if (options.Retention <= TimeSpan.Zero || options.Retention > MaxRetention)
        {
            errors.Add($"Berth:Audit:Retention '{options.Retention}' must be positive and at most 36500 days (e.g. 365.00:00:00)");
        }

        if (options.RetentionInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"Berth:Audit:RetentionInterval '{options.RetentionInterval}' must be at least one second (e.g. 06:00:00)");
        }

        if (options.QueueCapacity is < 16 or > 10_000_000)
        {
            errors.Add($"Berth:Audit:QueueCapacity {options.QueueCapacity} must be between 16 and 10000000");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
