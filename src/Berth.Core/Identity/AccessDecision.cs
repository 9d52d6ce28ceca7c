namespace Berth.Core.Identity;

/// <summary>The outcome of an authorization check, with a reason fit to show the caller.</summary>
public sealed record AccessDecision(bool Allowed, string Reason)
{
    public static AccessDecision Allow { get; } = new(true, "allowed");

    public static AccessDecision Deny(string reason) => new(false, reason);
}
