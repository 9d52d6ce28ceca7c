namespace Berth.Core.Identity;

/// <summary>What went wrong with a management request, mapped by the API to an HTTP status.</summary>
public enum IdentityErrorKind
{
    Invalid,
    Conflict,
    NotFound,
    Forbidden,
}

/// <summary>An expected failure of an identity operation (bad input, name taken, in use, system object).</summary>
public sealed class IdentityException : Exception
{
    public IdentityException(IdentityErrorKind kind, string message) : base(message) => Kind = kind;

    public IdentityException() : this(IdentityErrorKind.Invalid, "invalid request") { }

    public IdentityException(string message) : this(IdentityErrorKind.Invalid, message) { }

    public IdentityException(string message, Exception inner) : base(message, inner) { }

    public IdentityErrorKind Kind { get; }
}
