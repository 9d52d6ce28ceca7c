using System.Globalization;
using Berth.Core.Errors;
using Berth.Core.Identity;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Management;

/// <summary>The management API's one error format: <c>{"error":{"code","message"}}</c>, with the status each code implies.</summary>
public static class ApiErrors
{
    public const string InvalidRequest = "InvalidRequest";
    public const string Unauthorized = "Unauthorized";
    public const string Forbidden = "Forbidden";
    public const string NotFound = "NotFound";
    public const string Conflict = "Conflict";
    public const string TooManyRequests = "TooManyRequests";

    /// <summary>A count limit of the registry's SKU is reached (409).</summary>
    public const string QuotaExceeded = "QuotaExceeded";

    public static IResult Invalid(string message) => Error(StatusCodes.Status400BadRequest, InvalidRequest, message);

    public static IResult Denied(string message) => Error(StatusCodes.Status403Forbidden, Forbidden, message);

    public static IResult Missing(string message) => Error(StatusCodes.Status404NotFound, NotFound, message);

    public static IResult Error(int status, string code, string message) =>
        Results.Json(new ErrorBody(new ErrorDetail(code, message)), statusCode: status);

    /// <summary>A 429 with Retry-After in whole seconds.</summary>
    public static IResult RateLimited(HttpContext context, TimeSpan retryAfter, string message)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Error(StatusCodes.Status429TooManyRequests, TooManyRequests, message);
    }

    public static IResult FromIdentity(IdentityException e) => e.Kind switch
    {
        IdentityErrorKind.Conflict => Error(StatusCodes.Status409Conflict, Conflict, e.Message),
        IdentityErrorKind.NotFound => Error(StatusCodes.Status404NotFound, NotFound, e.Message),
        IdentityErrorKind.Forbidden => Error(StatusCodes.Status403Forbidden, Forbidden, e.Message),
        _ => Error(StatusCodes.Status400BadRequest, InvalidRequest, e.Message),
    };

    public static IResult FromOci(OciException e) => Invalid(e.Message);

    public sealed record ErrorBody(ErrorDetail Error);

    public sealed record ErrorDetail(string Code, string Message);
}
