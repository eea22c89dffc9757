using System.Diagnostics;
using SeedCorr.Core.Statistics;

/// <summary>
/// bench permutations [subjects] [voxels] [flips] [threads]: sign-flip max-t speed on a synthetic 2 mm study (default
/// 20 subjects × 230 000 voxels, the brain of a 91×109×91 MNI grid; 1000 flips), after a 50-flip warm-up.
/// </summary>
internal static class PermutationBench
{
    public static void Run(int subjects, int voxels, int flips, int threads)
    {
        var rng = new Random(1);
        var data = Enumerable.Range(0, subjects).Select(_ => Enumerable.Range(0, voxels).Select(v => 0.1 + (0.3 * ((rng.NextDouble() * 2) - 1))).ToArray()).ToArray();
        var parametric = Stopwatch.StartNew();
        OneSampleTTest.Compute(data);
        Console.WriteLine($"one-sample t, p, z of {voxels} voxels, {subjects} subjects: {parametric.Elapsed.TotalMilliseconds:0} ms (first call, JIT included)");
        parametric.Restart();
        OneSampleTTest.Compute(data);
        Console.WriteLine($"one-sample t, p, z again: {parametric.Elapsed.TotalMilliseconds:0} ms");
        SignFlipPermutation.Run(data, new SignFlipOptions { Permutations = 50, MaxDegreeOfParallelism = threads });
        for (var r = 0; r < 3; r++)
        {
            var sw = Stopwatch.StartNew();
            var result = SignFlipPermutation.Run(data, new SignFlipOptions { Permutations = flips, Seed = r, MaxDegreeOfParallelism = threads });
            var s = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"permutations: {subjects} subjects x {voxels} voxels, {result.Permutations} flips, threads {(threads == 0 ? Environment.ProcessorCount : threads)}: {s:0.00} s = {result.Permutations / s:0} flips/s ({(double)subjects * voxels * result.Permutations / s / 1e9:0.00} G subject-voxels/s)");
        }
    }
}
