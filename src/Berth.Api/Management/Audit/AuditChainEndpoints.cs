using System.Buffers;
using System.Text.Json;
using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Stores;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Management.Audit;

/// <summary>
/// The audit chain's Owner-only operations: <c>GET /api/v1/audit/verify</c> (walks the chain),
/// <c>GET /api/v1/audit/export?since=&amp;until=&amp;format=jsonl</c> (streams records page by page, one JSON object
/// per line, with their hashes so the export can be verified elsewhere) and <c>POST /api/v1/audit/purge</c> (runs the
/// retention policy now). Owner alone holds <see cref="ResourcePermission.AssignRoles"/>, so that permission at
/// server scope is the Owner check.
/// </summary>
public static class AuditChainEndpoints
{
    private const int ExportPage = 500;

    public static RouteGroupBuilder MapAuditChain(this RouteGroupBuilder api)
    {
        api.MapGet("/audit/verify", VerifyAsync).RequiresOnServer(ResourcePermission.AssignRoles).WithTags("audit").WithName("VerifyAudit")
            .Produces<VerificationBody>();
        api.MapGet("/audit/export", ExportAsync).RequiresOnServer(ResourcePermission.AssignRoles).WithTags("audit").WithName("ExportAudit")
            .Produces<ExportLine>(StatusCodes.Status200OK, "application/jsonl");
        api.MapPost("/audit/purge", PurgeAsync).RequiresOnServer(ResourcePermission.AssignRoles).WithTags("audit").WithName("PurgeAudit")
            .Produces<PurgeBody>();
        return api;
    }

    public static async Task<IResult> VerifyAsync(AuditVerifier verifier, CancellationToken ct)
    {
        var v = await verifier.VerifyAsync(ct);
        return Results.Ok(new VerificationBody(
            v.Valid,
            v.Records,
            v.FirstSequence,
            v.LastSequence,
            AnchorBody.Of(v.Anchor),
            v.Failure is { } f ? new FailureBody(f.Sequence, f.Reason.ToString().ToLowerInvariant(), f.Message) : null));
    }

    public static async Task<IResult> PurgeAsync(ManagementCaller caller, AuditRetentionJob retention, CancellationToken ct)
    {
        var purge = await retention.PurgeAsync(caller.Principal, ct);
        return Results.Ok(new PurgeBody(purge.Removed, AnchorBody.Of(purge.Anchor)));
    }

    public static async Task<IResult> ExportAsync(HttpContext context, DateTimeOffset? since, DateTimeOffset? until, string? format, IAuditStore store, CancellationToken ct)
    {
        if (format is not (null or "jsonl"))
        {
            return ApiErrors.Invalid($"format '{format}' is not supported; use jsonl");
        }

        if (since is { } s && until is { } u && u <= s)
        {
            return ApiErrors.Invalid("until must be later than since");
        }

        var response = context.Response;
        response.ContentType = "application/jsonl; charset=utf-8";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        var after = 0L;
        while (true)
        {
            var page = await store.ReadRecordsAsync(new AuditQuery(after, ExportPage, since, until), ct);
            foreach (var record in page)
            {
                Write(writer, record);
                writer.Flush();
                writer.Reset();
                response.BodyWriter.Write("\n"u8);
                after = record.Entry.Sequence;
            }

            await response.BodyWriter.FlushAsync(ct);
            if (page.Count < ExportPage)
            {
                return Results.Empty;
            }
        }
    }

    private static void Write(Utf8JsonWriter w, AuditRecord record)
    {
        var e = record.Entry;
        w.WriteStartObject();
        w.WriteNumber("sequence", e.Sequence);
        w.WriteString("at", e.At);
        w.WriteString("action", e.Action);
        w.WriteString("actor", e.Actor);
        w.WriteString("target", e.Target);
        w.WriteString("sourceAddress", e.SourceAddress);
        w.WriteString("requestId", e.RequestId);
        w.WriteBoolean("success", e.Success);
        w.WriteString("detail", e.Detail);
        w.WriteString("previousHash", Convert.ToHexStringLower(record.PreviousHash));
        w.WriteString("hash", Convert.ToHexStringLower(record.Hash));
        w.WriteEndObject();
    }

    public sealed record VerificationBody(bool Valid, long Records, long FirstSequence, long LastSequence, AnchorBody? Anchor, FailureBody? Failure);

    public sealed record FailureBody(long Sequence, string Reason, string Message);

    public sealed record PurgeBody(long Removed, AnchorBody? Anchor);

    public sealed record AnchorBody(long Sequence, string Hash, DateTimeOffset PurgedAt, long PurgedCount)
    {
        public static AnchorBody? Of(AuditAnchor? anchor) =>
            anchor is null ? null : new AnchorBody(anchor.Sequence, Convert.ToHexStringLower(anchor.Hash), anchor.PurgedAt, anchor.PurgedCount);
    }

    public sealed record ExportLine(long Sequence, DateTimeOffset At, string Action, string Actor, string? Target, string? SourceAddress, string? RequestId, bool Success, string? Detail, string PreviousHash, string Hash);
}
