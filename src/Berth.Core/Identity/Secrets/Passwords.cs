namespace Berth.Core.Identity.Secrets;

/// <summary>Chooses a caller's password or generates one.</summary>
public static class Passwords
{
    public const int MaxLength = 256;

    /// <summary><paramref name="given"/> when acceptable, a generated secret when null; throws <see cref="IdentityException"/> otherwise.</summary>
    public static string ChooseOrGenerate(string? given, int minimumLength)
    {
        if (given is null)
        {
            return SecretGenerator.NewSecret();
        }

        if (given.Length < minimumLength || given.Length > MaxLength)
        {
            throw new IdentityException(IdentityErrorKind.Invalid, $"the password must have {minimumLength} to {MaxLength} characters");
        }

        if (given.Any(char.IsControl))
        {
            throw new IdentityException(IdentityErrorKind.Invalid, "the password must not contain control characters");
        }

        return given;
    }
}
