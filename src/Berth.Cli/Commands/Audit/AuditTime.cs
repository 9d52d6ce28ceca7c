using System.Globalization;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.Audit;

/// <summary>Times on the command line: ISO 8601 (UTC when no offset is given) or an age before now (<c>90s</c>, <c>30m</c>, <c>24h</c>, <c>7d</c>).</summary>
internal static class AuditTime
{
    public static DateTimeOffset? Parse(string? value, string option, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.Length >= 2 && long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? age = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (age is { } a)
            {
                return now - a;
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : throw CliException.Usage($"{option} '{value}' is neither an ISO 8601 time (2026-01-31T12:00:00Z) nor an age (30m, 24h, 7d)");
    }
}
