// Runs many seeds, a few at a time (each seed is sequential and deterministic on its own).
namespace Fillmore.Simulation;

public static class SimulationRunner
{
    /// <param name="progress">Called with (seeds done, failures so far) every <paramref name="every"/> seeds.</param>
    public static async Task<List<(int Seed, string Failure)>> RunAsync(IEnumerable<int> seeds, int parallelism, Action<int, int>? progress = null, int every = 500,
        bool overtaking = false, int venues = 1)
    {
        var failures = new List<(int, string)>();
        var done = 0;
        await Parallel.ForEachAsync(seeds, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, async (seed, _) =>
        {
            string? failure;
            try { failure = await new Simulation(seed, overtaking: overtaking, venues: venues).RunAsync(); }
            catch (Exception ex) { failure = $"crashed: {ex.GetType().Name}: {ex.Message}"; }
            lock (failures)
            {
                if (failure is not null) failures.Add((seed, failure));
                if (++done % every == 0) progress?.Invoke(done, failures.Count);
            }
        });
        return failures.OrderBy(f => f.Item1).ToList();
    }
}
