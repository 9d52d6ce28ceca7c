using Berth.Core.Identity.Stores;

namespace Berth.Core.Identity.Directories;

/// <summary>Maps store outcomes to the <see cref="IdentityException"/> callers see.</summary>
internal static class Outcomes
{
    /// <summary>Returns for <see cref="StoreOutcome.Done"/>; throws with <paramref name="what"/> in the message otherwise.</summary>
    public static void Require(StoreOutcome outcome, string what)
    {
        switch (outcome)
        {
            case StoreOutcome.Done:
                return;
            case StoreOutcome.NameTaken:
                throw new IdentityException(IdentityErrorKind.Conflict, $"{what} already exists");
            case StoreOutcome.InUse:
                throw new IdentityException(IdentityErrorKind.Conflict, $"{what} is in use");
            case StoreOutcome.MissingReference:
                throw new IdentityException(IdentityErrorKind.Invalid, $"{what} refers to something that does not exist");
            default:
                throw new IdentityException(IdentityErrorKind.NotFound, $"{what} was not found");
        }
    }

    public static TimeSpan? Lifetime(TimeSpan? lifetime, string what)
    {
        if (lifetime is { } l && (l <= TimeSpan.Zero || l > TimeSpan.FromDays(36_500)))
        {
            throw new IdentityException(IdentityErrorKind.Invalid, $"{what} must be positive and at most 100 years");
        }

        return lifetime;
    }
}
