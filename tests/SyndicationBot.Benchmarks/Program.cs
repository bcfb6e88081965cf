using BenchmarkDotNet.Running;

namespace SyndicationBot.Benchmarks;

internal static class Program
{
    private static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        // Load harnesses that print their own figures (see docs/BENCHMARKS.md); anything else goes to BenchmarkDotNet.
        "ledger" => await LedgerLoad.RunAsync(args),
        "dispatch" => await DispatchLatency.RunAsync(args),
        _ => Run(args),
    };

    private static int Run(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
