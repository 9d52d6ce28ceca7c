namespace Berth.Cli.Runtime;

/// <summary>
/// Exit codes scripts can rely on. Documented in docs/cli.md; never renumber.
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The server refused the request (conflict, throttling, server error) or another failure.</summary>
    public const int Failed = 1;

    /// <summary>Bad command line or input the server rejected as invalid (400).</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached (connection refused, DNS, TLS, timeout).</summary>
    public const int Unreachable = 3;

    /// <summary>Not logged in, login expired, wrong credentials, or not allowed (401/403).</summary>
    public const int Unauthorized = 4;

    /// <summary>The named resource does not exist (404).</summary>
    public const int NotFound = 5;
}
