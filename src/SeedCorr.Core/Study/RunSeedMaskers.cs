using System.Text.Json.Nodes;
using SeedCorr.Core.Extraction;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Seeds;
using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Study;

/// <summary>One seed of a run: where its series is among the maskers' columns, and how its sidecars describe it.</summary>
/// <param name="Files">Its output files.</param>
/// <param name="Masker">The masker whose columns hold it.</param>
/// <param name="Column">Its column there.</param>
/// <param name="Describe">The sidecar's <c>Seed</c> object.</param>
/// <param name="Summary">A phrase for the maps' Description.</param>
internal sealed record RunSeed(SeedMapFiles Files, ISignalMasker Masker, int Column, JsonObject Describe, string Summary);

/// <summary>
/// The seeds of a study on one run's grid: one sphere masker per radius (spheres may overlap: each seed is its own
/// analysis), one labels masker per atlas (resampled by nearest neighbour; regions lost are warned about by index and
/// name and have no maps), all fed from the run's single streaming pass.
/// </summary>
internal sealed class RunSeedMaskers
{
    private RunSeedMaskers(IReadOnlyList<ISignalMasker> maskers, IReadOnlyList<RunSeed> seeds)
    {
        Maskers = maskers;
        Seeds = seeds;
    }

    public IReadOnlyList<ISignalMasker> Maskers { get; }

    /// <summary>The seeds with a signal on this grid, in output order.</summary>
    public IReadOnlyList<RunSeed> Seeds { get; }

    public static RunSeedMaskers Create(SeedToVoxelOptions options, RunOutputNames names, IReadOnlyList<int> shape, Affine affine, ICollection<string> warnings)
    {
        var maskers = new List<ISignalMasker>();
        var seeds = new List<RunSeed>();
        var files = names.Maps;
        var byRadius = options.Spheres.Select((s, i) => (Seed: s, Index: i)).GroupBy(p => p.Seed.Radius);
        var sphereSeeds = new RunSeed?[options.Spheres.Count];
        foreach (var group in byRadius)
        {
            var members = group.ToList();
            var masker = new SphereMasker([.. members.Select(m => m.Seed.Center)], group.Key, allowOverlap: true);
            maskers.Add(masker);
            for (var c = 0; c < members.Count; c++)
            {
                var (seed, index) = members[c];
                sphereSeeds[index] = new RunSeed(files[index], masker, c, SeedOutputs.Describe(seed),
                    $"the mean time series of the {seed.Radius.ToString(System.Globalization.CultureInfo.InvariantCulture)} mm sphere '{seed.Name}' at {seed.Center}");
            }
        }

        seeds.AddRange(sphereSeeds!);
        var next = options.Spheres.Count;
        var grid = shape.Take(3).ToArray();
        foreach (var atlas in options.LabelAtlases)
        {
            var onGrid = atlas.OnGrid(grid, affine);
            if (onGrid.LostMessage is { } lost)
            {
                warnings.Add(lost);
            }

            var masker = onGrid.ToMasker();
            maskers.Add(masker);
            var column = onGrid.Regions.Select((r, c) => (r.Index, c)).ToDictionary(p => p.Index, p => p.c);
            foreach (var region in atlas.Regions)
            {
                if (column.TryGetValue(region.Index, out var c))
                {
                    seeds.Add(new RunSeed(files[next], masker, c, SeedOutputs.Describe(onGrid, onGrid.Regions[c]),
                        $"the mean time series of region {region.Index} '{region.Name}' of the atlas {atlas.Name}"));
                }

                next++;
            }
        }

        return new RunSeedMaskers(maskers, seeds);
    }

    /// <summary>The raw series of every seed as one T × seeds matrix, in seed order.</summary>
    public SignalMatrix Gather(StreamingExtraction extraction, double? repetitionTime)
    {
        var t = extraction.Signals[0].Timepoints;
        var k = Seeds.Count;
        var data = new float[(long)t * k];
        for (var s = 0; s < k; s++)
        {
            var from = extraction.SignalsOf(Seeds[s].Masker);
            var width = from.Series;
            var col = Seeds[s].Column;
            var src = from.Data;
            for (var ti = 0; ti < t; ti++)
            {
                data[((long)ti * k) + s] = src[((long)ti * width) + col];
            }
        }

        return new SignalMatrix(t, k, data) { RepetitionTime = repetitionTime, Source = extraction.Signals[0].Source };
    }
}
