using Berth.Bench;
using Berth.Bench.Reporting;
using Berth.Bench.Scenarios;

// Benchmark client, run by hand through bench/run.sh, never by the test suite.
// Every loop is bounded in count and time, and every URL it is given must be on loopback.
var args2 = CommandArgs.Parse(args);
try
{
    return args2.Command switch
    {
        "compare" => await CompareCommand.RunAsync(args2),
        "push-probe" => await PushProbeCommand.RunAsync(args2),
        "image-push" => await ImagePushCommand.RunAsync(args2),
        "sha256" => HashCommand.Run(args2),
        "report" => ReportCommand.Run(args2),
        _ => Usage(),
    };
}
catch (BenchException e)
{
    await Console.Error.WriteLineAsync($"berth-bench: {e.Message}");
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: berth-bench <command> [--option value ...]
          compare --berth URL --reference URL --nginx URL --out DIR [--berth-pid N --reference-pid N] [--berth-auth USER:PASSWORD]
                  [--nginx-layout blobs/sha256/{hex2}/{hex}] [--wrk PATH] [--quick]
                  runs every scenario against both registries, interleaved, and the blob pulls also against
                  nginx serving Berth's blob files; writes DIR/{berth,reference,nginx}.json
          push-probe --url URL [--size-mib 512] [--chunk-mib 16] [--runs 3]
                  large pushes to one registry, timing the final (committing) request apart
          image-push --targets LABEL=URL,LABEL=URL... [--auth USER:PASSWORD] [--images 200] [--clients 8] [--rounds 6]
                  [--receiver-port N]
                  small-image pushes (config, 4 KiB layer, manifest by tag) to each target in turn, interleaved;
                  --receiver-port hosts a webhook receiver answering 204 (bench/outbox.sh)
          sha256  --out FILE.json       .NET SHA-256 throughput on 1 MiB buffers
          report  --dir RESULTS --doc docs/benchmarks.md
                  renders the side-by-side table into the document, between its results markers
        """);
    return 2;
}
