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
        "suite" => await SuiteCommand.RunAsync(args2),
        "static" => await StaticFilesCommand.RunAsync(args2),
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
          suite   --url http://127.0.0.1:PORT --label NAME --out FILE.json [--files FILE.json] [--wrk PATH] [--quick]
                  runs every registry scenario against one registry and writes its metrics
          static  --url http://127.0.0.1:PORT --files FILE.json --out FILE.json
                  pulls the same blobs as plain files (nginx with sendfile) with the same client
          sha256  --out FILE.json       .NET SHA-256 throughput on 1 MiB buffers
          report  --dir RESULTS --doc docs/benchmarks.md
                  renders the side-by-side table into the document, between its results markers
        """);
    return 2;
}
