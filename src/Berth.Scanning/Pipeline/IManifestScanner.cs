using Berth.Core.Scanning;

namespace Berth.Scanning.Pipeline;

/// <summary>
/// Scans one queued manifest end to end and stores the outcome (completed report or failure). Thread-safe for
/// different manifests; the workers never hand the same manifest to two calls at once. Throws only for
/// cancellation and unexpected failures (the worker then records the scan as failed).
/// </summary>
public interface IManifestScanner
{
    Task ScanAsync(ScanTarget target, CancellationToken ct);
}
