// dotnet run --project tests/Fillmore.Simulation -- --seed 42        one seed
// dotnet run --project tests/Fillmore.Simulation -- --seeds 10000    seeds 1..10000 (--from N to start elsewhere)
// --seed prints the run's final-state fingerprint (equal runs, equal fingerprints); FILLMORE_SIM_DUMP=1 prints what it hashes.
// --overtaking: venue reports may overtake the venue's answers to submits (OvertakingVenue).
// --venues N: N paper venues (SIM, SIM2, ...) with their own quotes, fees and faults; orders name one or SMART.
// The seed is printed first; a failing seed replays exactly with --seed (and the same --overtaking).
namespace Fillmore.Simulation;

using System.Diagnostics;
using System.Globalization;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var overtaking = args.Contains("--overtaking");
        var venues = int.Parse(Arg("--venues") ?? "1", CultureInfo.InvariantCulture);
        if (Arg("--seed") is { } single)
        {
            var seed = int.Parse(single, CultureInfo.InvariantCulture);
            Console.WriteLine($"seed {seed}");
            var simulation = new Simulation(seed, overtaking: overtaking, venues: venues);
            var failure = await simulation.RunAsync();
            Console.WriteLine(failure is null ? "ok: every invariant held and every order settled" : $"FAILED: {failure}");
            Console.WriteLine($"fingerprint {simulation.Fingerprint}");
            return failure is null ? 0 : 1;
        }
        var count = int.Parse(Arg("--seeds") ?? "200", CultureInfo.InvariantCulture);
        var from = int.Parse(Arg("--from") ?? "1", CultureInfo.InvariantCulture);
        Console.WriteLine($"seeds {from}..{from + count - 1}");
        var clock = Stopwatch.StartNew();
        var failures = await SimulationRunner.RunAsync(Enumerable.Range(from, count), Environment.ProcessorCount,
            (done, failed) => Console.WriteLine($"{done} seeds run, {failed} failed, {clock.Elapsed.TotalSeconds:F0} s"), overtaking: overtaking,
            venues: venues);
        foreach (var (seed, failure) in failures) Console.WriteLine($"seed {seed} FAILED: {failure}");
        Console.WriteLine($"{count - failures.Count} seeds passed, {failures.Count} failed in {clock.Elapsed.TotalSeconds:F1} s");
        return failures.Count == 0 ? 0 : 1;
    }
}
