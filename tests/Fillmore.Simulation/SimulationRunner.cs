// Runs many seeds, a few at a time (each seed is sequential and deterministic on its own).
namespace Fillmore.Simulation;

public static class SimulationRunner
{
    public static async Task<List<(int Seed, string Failure)>> RunAsync(IEnumerable<int> seeds, int parallelism)
    {
        var failures = new List<(int, string)>();
        await Parallel.ForEachAsync(seeds, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, async (seed, _) =>
        {
            string? failure;
            try { failure = await new Simulation(seed).RunAsync(); }
            catch (Exception ex) { failure = $"crashed: {ex.GetType().Name}: {ex.Message}"; }
            if (failure is not null) lock (failures) failures.Add((seed, failure));
        });
        return failures.OrderBy(f => f.Item1).ToList();
    }
}
