namespace Berth.Core.Errors;

/// <summary>
/// One entry of the error catalogue: the wire code of the OCI distribution spec, its HTTP status and
/// the default message. Every error Berth returns is defined once, in <see cref="ErrorCodes"/>.
/// </summary>
public sealed record ErrorCode(string Code, int HttpStatus, string Message)
{
    public override string ToString() => Code;
}
