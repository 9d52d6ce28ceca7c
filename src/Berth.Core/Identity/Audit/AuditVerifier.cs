using Berth.Core.Identity.Stores;

namespace Berth.Core.Identity.Audit;

/// <summary>Why verification stopped: the first record that breaks the chain.</summary>
public enum AuditBreak
{
    /// <summary>The record links to its predecessor but its content no longer matches its hash.</summary>
    Edited,

    /// <summary>Sequence numbers jump (records in between were removed), or records after the last one were removed.</summary>
    Deleted,

    /// <summary>The record does not link to the record before it (moved, inserted or re-chained).</summary>
    Reordered,
}

/// <summary>The first break found, at <see cref="Sequence"/>.</summary>
public sealed record AuditChainFailure(long Sequence, AuditBreak Reason, string Message);

/// <summary>The outcome of walking the whole chain; <see cref="Failure"/> is null when every record verifies.</summary>
public sealed record AuditVerification(long Records, long FirstSequence, long LastSequence, AuditAnchor? Anchor, AuditChainFailure? Failure)
{
    public bool Valid => Failure is null;
}

/// <summary>
/// Walks the stored chain from its anchor (or genesis) page by page, recomputing every hash with
/// <see cref="AuditChain"/>, and reports the first record that breaks it. Memory stays bounded by one page.
/// Concurrent appends are fine: the walk stops at the tail it saw when it started.
/// </summary>
public sealed class AuditVerifier(IAuditStore store)
{
    private const int Page = 1000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct)
    {
        var state = await store.GetChainStateAsync(ct);
        var anchor = state.Anchor;
        var running = anchor?.Hash ?? AuditChain.Genesis();
        var expected = (anchor?.Sequence ?? 0) + 1;
        long records = 0, first = 0, last = anchor?.Sequence ?? 0;
        while (true)
        {
            var page = await store.ReadRecordsAsync(new AuditQuery(last, Page), ct);
            foreach (var record in page)
            {
                var sequence = record.Entry.Sequence;
                if (sequence > state.HighestSequence)
                {
                    return new AuditVerification(records, first, last, anchor, null);
                }

                var failure = Check(record, sequence, expected, running);
                if (failure is not null)
                {
                    return new AuditVerification(records, first, last, anchor, failure);
                }

                records++;
                first = first == 0 ? sequence : first;
                last = sequence;
                running = record.Hash;
                expected = sequence + 1;
            }

            if (page.Count < Page)
            {
                break;
            }
        }

        var truncated = last < state.HighestSequence
            ? new AuditChainFailure(last + 1, AuditBreak.Deleted, $"records {last + 1} to {state.HighestSequence} were assigned but are missing from the end of the log")
            : null;
        return new AuditVerification(records, first, last, anchor, truncated);
    }

    private static AuditChainFailure? Check(AuditRecord record, long sequence, long expected, byte[] running)
    {
        if (sequence != expected)
        {
            return new AuditChainFailure(expected, AuditBreak.Deleted, sequence - expected == 1
                ? $"record {expected} is missing (the next stored record is {sequence})"
                : $"records {expected} to {sequence - 1} are missing");
        }

        if (!record.PreviousHash.AsSpan().SequenceEqual(running))
        {
            return new AuditChainFailure(sequence, AuditBreak.Reordered, $"record {sequence} does not link to the record before it (its previous hash differs)");
        }

        var computed = AuditChain.Next(running, sequence, record.Entry);
        return computed.AsSpan().SequenceEqual(record.Hash)
            ? null
            : new AuditChainFailure(sequence, AuditBreak.Edited, $"record {sequence} ({record.Entry.Action}) does not match its hash: its content was changed");
    }
}
