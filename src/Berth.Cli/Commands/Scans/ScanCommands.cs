using System.CommandLine;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.Scans;

/// <summary><c>berth scan</c>: vulnerability reports, rescans, policy and allowlist.</summary>
internal static class ScanCommands
{
    public static Command Create(CliEnvironment env) => ManagementCommand.Group("scan", "Vulnerability scans, quarantine and the pull gate",
        ScanPolicyCommands.Policy(env), ScanPolicyCommands.Allowlist(env));
}
