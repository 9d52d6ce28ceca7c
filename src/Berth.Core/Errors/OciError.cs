namespace Berth.Core.Errors;

/// <summary>An expected failure: a catalogue code, a message for the client and optional detail.</summary>
public sealed record OciError(ErrorCode Code, string Message, object? Detail = null)
{
    public static OciError Of(ErrorCode code, string? message = null, object? detail = null) =>
        new(code, message ?? code.Message, detail);
}

/// <summary>
/// Carries an <see cref="OciError"/> out of deep validation code. Handlers catch it in one place
/// (the API's error writer); services return results for the common misses (unknown blob or manifest).
/// </summary>
public sealed class OciException : Exception
{
    public OciException(OciError error) : base(error.Message) => Error = error;

    public OciException(ErrorCode code, string? message = null, object? detail = null)
        : this(OciError.Of(code, message, detail))
    {
    }

    public OciException() : this(ErrorCodes.Unsupported) { }

    public OciException(string message) : this(ErrorCodes.Unsupported, message) { }

    public OciException(string message, Exception inner) : base(message, inner) => Error = OciError.Of(ErrorCodes.Unsupported, message);

    public OciError Error { get; }
}
