using System.Text.RegularExpressions;
using Berth.Core.Identity;
using Berth.Core.Oci;
using Berth.Core.Registry;
using Berth.Core.Scanning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.Scanning;

/// <summary>
/// <c>/api/v1/registries/{registry}/repositories/{repository}/scans</c> (the repository's scan records) and
/// <c>…/manifests/{digest or tag}/scan</c> (one report as <c>?format=json|sarif|table</c>; POST queues a rescan).
/// Repository names contain slashes, so the tail of the path is parsed here.
/// </summary>
public static partial class ScanEndpoints
{
    public static RouteGroupBuilder MapScans(this RouteGroupBuilder api)
    {
        var repositories = api.MapGroup("/registries/{registry}/repositories").WithTags("scanning");
        repositories.MapGet("/{**path}", GetAsync).RequiresOnRegistry(ResourcePermission.Read).WithName("GetScans");
        repositories.MapPost("/{**path}", RescanAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("RescanManifest");
        return api;
    }

    /// <summary><c>GET …/{repository}/scans</c> or <c>GET …/{repository}/manifests/{reference}/scan?format=</c>.</summary>
    public static async Task<IResult> GetAsync(RegistryRoute registry, string path, string? format, IScanReportSource reports, ManifestService manifests, CancellationToken ct)
    {
        var id = registry.Id;
        if (ListPath().Match(path) is { Success: true } list)
        {
            var repository = list.Groups["repo"].Value;
            if (!Names.IsValidRepository(repository))
            {
                return ApiErrors.Invalid("invalid repository name");
            }

            var records = await reports.ListAsync(id, repository, ct);
            return Results.Ok(records.Select(ScanView.Of).ToList());
        }

        var (target, invalid) = await ResolveAsync(id, path, manifests, ct);
        if (target is null)
        {
            return invalid!;
        }

        if (format is not (null or "json" or "sarif" or "table"))
        {
            return ApiErrors.Invalid("format must be json, sarif or table");
        }

        var record = await reports.GetAsync(target, ct);
        if (record is null)
        {
            return ApiErrors.Missing($"{target} has not been scanned: it is not an image (artifacts are not scanned) or scanning is off");
        }

        return format switch
        {
            "sarif" => Results.Text(reports.RenderSarif(record), "application/sarif+json"),
            "table" => Results.Text(reports.RenderTable(record), "text/plain; charset=utf-8"),
            _ => Results.Ok(ScanView.Of(record) with { Reports = reports.RenderJson(record) }),
        };
    }

    /// <summary><c>POST …/{repository}/manifests/{reference}/scan</c>: queues a scan now (202 with the record).</summary>
    public static async Task<IResult> RescanAsync(RegistryRoute registry, string path, IScanReportSource reports, ManifestService manifests, CancellationToken ct)
    {
        var (target, invalid) = await ResolveAsync(registry.Id, path, manifests, ct);
        if (target is null)
        {
            return invalid!;
        }

        if (!await reports.QueueAsync(target, ct))
        {
            return ApiErrors.Invalid($"{target} cannot be scanned: only image manifests and indexes are (artifacts and referrers are not), and scanning must be enabled");
        }

        return Results.Accepted(value: ScanView.Of((await reports.GetAsync(target, ct))!));
    }

    private static async Task<(ScanTarget? Target, IResult? Invalid)> ResolveAsync(long registryId, string path, ManifestService manifests, CancellationToken ct)
    {
        if (ManifestPath().Match(path) is not { Success: true } m)
        {
            return (null, ApiErrors.Missing("no such endpoint: use repositories/{repository}/scans or repositories/{repository}/manifests/{digest or tag}/scan"));
        }

        var repository = m.Groups["repo"].Value;
        var reference = Uri.UnescapeDataString(m.Groups["ref"].Value);
        if (!Names.IsValidRepository(repository) || !(Digest.TryParse(reference, out _) || Names.IsValidTag(reference)))
        {
            return (null, ApiErrors.Invalid("invalid repository name, digest or tag"));
        }

        var manifest = await manifests.GetAsync(registryId, repository, reference, ct);
        return manifest is null
            ? (null, ApiErrors.Missing($"manifest {reference} is not in repository {repository}"))
            : (new ScanTarget(registryId, repository, manifest.Digest), null);
    }

    [GeneratedRegex("^(?<repo>.+)/scans/?$")]
    private static partial Regex ListPath();

    [GeneratedRegex("^(?<repo>.+)/manifests/(?<ref>[^/]+)/scan/?$")]
    private static partial Regex ManifestPath();
}
