using System.Diagnostics;
using System.Security.Cryptography;

namespace Berth.Bench.Scenarios;

/// <summary>SHA-256 throughput of .NET's <see cref="IncrementalHash"/> on 1 MiB appends (best of five 1 s runs): the hashing a push pays.</summary>
internal static class HashCommand
{
    public static int Run(CommandArgs args)
    {
        var buffer = Payload.Random(1 << 20, seed: 5);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var rates = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            var clock = Stopwatch.StartNew();
            var mebibytes = 0;
            while (mebibytes < 4096 && clock.Elapsed < TimeSpan.FromSeconds(1))
            {
                hash.AppendData(buffer);
                mebibytes++;
            }

            hash.GetHashAndReset();
            rates.Add(mebibytes / clock.Elapsed.TotalSeconds);
        }

        var results = new Results();
        results.Notes["label"] = "machine";
        results.Set("sha256_dotnet_mibs", rates.Max(), "MiB/s");
        results.Save(args.Required("out"));
        return 0;
    }
}
