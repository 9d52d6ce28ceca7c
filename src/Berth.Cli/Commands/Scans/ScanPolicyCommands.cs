using System.CommandLine;
using System.Text.Json;
using Berth.Cli.Output;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.Scans;

/// <summary><c>berth scan policy show|set</c> and <c>berth scan allowlist add|remove|list</c>.</summary>
internal static class ScanPolicyCommands
{
    private static readonly Column[] PolicyFields =
    [
        new("Repository", p => Json.String(p, "repository") ?? "(registry)"), Column.Of("From", "source"), Column.Of("Quarantine", "quarantine"),
        Column.Date("Quarantine since", "quarantineSince"),
        new("Gate", p => p.TryGetProperty("gate", out var g) ? Json.Text(g, "minimumSeverity") : ""),
        new("Only fixable", p => p.TryGetProperty("gate", out var g) ? Json.Text(g, "onlyFixable") : ""),
    ];

    private static readonly Column[] EntryColumns =
    [
        Column.Of("Id", "id"), Column.Of("Vulnerability", "vulnerabilityId"), new("Repository", e => Json.String(e, "repository") ?? "(all)"),
        Column.Date("Expires", "expiresAt", "never"), Column.Of("Expired", "expired"), Column.Of("Reason", "reason"),
    ];

    public static Command Policy(CliEnvironment env) => ManagementCommand.Group("policy", "Show or change quarantine and the pull gate", Show(env), Set(env));

    public static Command Allowlist(CliEnvironment env) => ManagementCommand.Group("allowlist", "Vulnerabilities the pull gate ignores", Add(env), Remove(env), List(env));

    private static Option<string?> RepositoryOption(string description) => new("--repository") { Description = description };

    private static Command Show(CliEnvironment env)
    {
        var repository = RepositoryOption("Show the policy that applies to this repository");
        return ManagementCommand.Create(env, "show", "Show the registry's scan policy and repository overrides", [repository], async c =>
        {
            var repo = c.Get(repository);
            var result = await c.GetAsync(c.RegistryPath + "scan-policy" + Query(repo));
            if (c.Json || repo is not null || result is not { } r)
            {
                return c.Print(result, PolicyFields);
            }

            var rows = new List<JsonElement> { r.GetProperty("registry") };
            rows.AddRange(Json.Array(r, "repositories"));
            Printer.Table(c.Env, JsonSerializer.SerializeToElement(rows), "No policy.", PolicyFields);
            return ExitCodes.Ok;
        }, registryScoped: true);
    }

    private static Command Set(CliEnvironment env)
    {
        var repository = RepositoryOption("Give this repository its own policy (replaces the registry's for it)");
        var quarantine = new Option<bool?>("--quarantine") { Description = "Quarantine new pushes until their first scan completes (true/false)" };
        var gate = new Option<string?>("--gate") { Description = "Refuse pulls of images with findings at or above: off, low, medium, high, critical" };
        gate.AcceptOnlyFromAmong("off", "low", "medium", "high", "critical");
        var onlyFixable = new Option<bool?>("--only-fixable") { Description = "Gate only on findings that have a fixed version (true/false)" };
        var remove = new Option<bool>("--remove") { Description = "Remove the repository's own policy (the registry's applies again)" };
        return ManagementCommand.Create(env, "set", "Change the scan policy (unspecified settings keep their value)", [repository, quarantine, gate, onlyFixable, remove], async c =>
        {
            var repo = c.Get(repository);
            if (c.Get(remove))
            {
                if (repo is null)
                {
                    throw CliException.Usage("--remove needs --repository: only a repository's own policy can be removed");
                }

                await c.DeleteAsync(c.RegistryPath + "scan-policy" + Query(repo));
                Printer.Deleted(c, $"the scan policy of {repo}");
                return ExitCodes.Ok;
            }

            var current = await c.GetAsync(c.RegistryPath + "scan-policy" + Query(repo));
            var shown = repo is null ? current?.GetProperty("registry") : current;
            var currentGate = shown?.GetProperty("gate");
            var body = new
            {
                quarantine = c.Get(quarantine) ?? shown?.GetProperty("quarantine").GetBoolean() ?? false,
                gate = new
                {
                    minimumSeverity = c.Get(gate) ?? Json.String(currentGate ?? default, "minimumSeverity") ?? "off",
                    onlyFixable = c.Get(onlyFixable) ?? currentGate?.GetProperty("onlyFixable").GetBoolean() ?? false,
                },
            };
            return c.Print(await c.Api.SendAsync(HttpMethod.Put, c.RegistryPath + "scan-policy" + Query(repo), body, c.Ct), PolicyFields);
        }, registryScoped: true);
    }

    private static Command Add(CliEnvironment env)
    {
        var id = new Argument<string>("vulnerability") { Description = "CVE or advisory id, e.g. CVE-2024-1234" };
        var repository = RepositoryOption("Only for this repository (default: the whole registry)");
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the entry stops applying (ISO 8601, e.g. 2026-12-31T00:00:00Z)" };
        var reason = new Option<string?>("--reason") { Description = "Why the vulnerability is accepted" };
        return ManagementCommand.Create(env, "add", "Let the pull gate ignore a vulnerability", [id, repository, expires, reason], async c =>
            c.Print(await c.PostAsync(c.RegistryPath + "scan-policy/allowlist", new { vulnerabilityId = c.Get(id), repository = c.Get(repository), expiresAt = c.Get(expires), reason = c.Get(reason) }), EntryColumns),
            registryScoped: true);
    }

    private static Command Remove(CliEnvironment env)
    {
        var id = new Argument<long>("id") { Description = "Entry id (from berth scan allowlist list)" };
        return ManagementCommand.Create(env, "remove", "Remove an allowlist entry", [id], async c =>
        {
            await c.DeleteAsync(c.RegistryPath + $"scan-policy/allowlist/{c.Get(id)}");
            Printer.Deleted(c, $"allowlist entry {c.Get(id)}");
            return ExitCodes.Ok;
        }, registryScoped: true);
    }

    private static Command List(CliEnvironment env)
    {
        var repository = RepositoryOption("Only entries that apply to this repository");
        return ManagementCommand.Create(env, "list", "List allowlist entries", [repository], async c =>
            c.PrintList(await c.GetAsync(c.RegistryPath + "scan-policy/allowlist" + Query(c.Get(repository))), "No allowlist entries.", EntryColumns),
            registryScoped: true);
    }

    internal static string Query(string? repository) => repository is null ? "" : "?repository=" + Uri.EscapeDataString(repository);
}
