using System.Globalization;
using System.Text.Json.Nodes;
using SeedCorr.Core.Bids;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Seeds;
using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Study;

/// <summary>
/// Everything that decides a study's run-level seed-to-voxel maps: the seeds, the confound strategy, the cleaning and
/// the smoothing (nilearn's seed example by default: detrend, z-score (sample), Butterworth 0.01–0.1 Hz, 6 mm FWHM on
/// the brain voxels, the seeds unsmoothed). The same options are applied to every run; <see cref="ToJson"/> is what a
/// run's provenance hash and the study's parameters file hold.
/// </summary>
public sealed record SeedToVoxelOptions
{
    /// <summary>Sphere seeds of their own and those of coordinate-table atlases (which carry their atlas name).</summary>
    public IReadOnlyList<SphereSeed> Spheres { get; init; } = [];

    /// <summary>Labels-image atlases: every region is a seed (resampled to each run's grid by nearest neighbour).</summary>
    public IReadOnlyList<SeedAtlas> LabelAtlases { get; init; } = [];

    /// <summary>Which fMRIPrep confounds are regressed out and which volumes are censored.</summary>
    public ConfoundStrategyOptions Confounds { get; init; } = ConfoundPresets.Create(DenoiseStrategy.Simple, new PresetOverrides(), out _);

    /// <summary>Gaussian FWHM (mm) applied to the brain voxels before extraction; null for none. Seeds are never smoothed.</summary>
    public double? SmoothingFwhm { get; init; } = 6;

    /// <summary>Remove linear trends (nilearn detrend).</summary>
    public bool Detrend { get; init; } = true;

    /// <summary>How each series is standardised after cleaning.</summary>
    public Standardization Standardize { get; init; } = Standardization.ZScoreSample;

    /// <summary>Low-pass cutoff in Hz, or null.</summary>
    public double? LowPass { get; init; } = 0.1;

    /// <summary>High-pass cutoff in Hz, or null.</summary>
    public double? HighPass { get; init; } = 0.01;

    /// <summary>The temporal filter.</summary>
    public TemporalFilter Filter { get; init; } = TemporalFilter.Butterworth;

    /// <summary>Fewer degrees of freedom left than this (XCP-D's count) fails the run; see <see cref="SignalCleanOptions.MinimumDegreesOfFreedom"/>.</summary>
    public double MinimumDegreesOfFreedom { get; init; } = 1;

    /// <summary>How input images are read (memory budget).</summary>
    public NiftiReadOptions? ReadOptions { get; init; }

    /// <summary>The seeds in output order: own spheres and coordinate atlases first, then labels atlases' regions.</summary>
    public int SeedCount => Spheres.Count + LabelAtlases.Sum(a => a.Regions.Count);

    /// <summary>Refuses options no run could use (no seed, two seeds that would write the same file, a bad number).</summary>
    public void Validate()
    {
        if (SeedCount == 0)
        {
            throw new StudyException(StudyErrorKind.InvalidParameter, "no seed was given: give sphere seeds (New-SphereSeed) or a seed atlas (Import-SeedAtlas)");
        }

        if (SmoothingFwhm is { } f && (!double.IsFinite(f) || f < 0))
        {
            throw new StudyException(StudyErrorKind.InvalidParameter, $"the smoothing FWHM must be a finite number of mm ≥ 0, not {f.ToString(CultureInfo.InvariantCulture)}");
        }

        if (LabelAtlases.Any(a => a.Kind != SeedAtlasKind.LabelsImage))
        {
            throw new StudyException(StudyErrorKind.InvalidParameter, "a coordinate-table atlas is given as sphere seeds (SeedAtlas.ToSphereSeeds), not as a labels atlas");
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var seed in OutputSeeds())
        {
            if (!seen.TryAdd(seed.Key, seed.What))
            {
                throw new StudyException(StudyErrorKind.InvalidParameter,
                    $"the seeds {seen[seed.Key]} and {seed.What} would write the same files (desc-{seed.Label}{(seed.Atlas is null ? string.Empty : $", atlas-{seed.Atlas}")}): give them different names");
            }
        }
    }

    /// <summary>
    /// Every seed as its outputs name it, in output order: its atlas label (or null), its desc label, its key in the
    /// seed table (<c>PCC</c>, <c>DMN_PCC</c>) and how an error names it.
    /// </summary>
    internal IEnumerable<(string? Atlas, string Label, string Key, string What)> OutputSeeds()
    {
        foreach (var s in Spheres)
        {
            var atlas = s.Atlas is null ? null : BidsLabel.FromName(s.Atlas);
            yield return (atlas, s.Label, atlas is null ? s.Label : $"{atlas}_{s.Label}", $"'{s.Name}'");
        }

        foreach (var a in LabelAtlases)
        {
            foreach (var r in a.Regions)
            {
                yield return (a.Label, r.Label, $"{a.Label}_{r.Label}", $"'{r.Name}' of {a.Name}");
            }
        }
    }

    /// <summary>
    /// The parameters as JSON, in a fixed key order (the provenance hash depends on it): seeds (with the atlas files),
    /// confound strategy, cleaning, smoothing.
    /// </summary>
    public JsonObject ToJson()
    {
        var spheres = new JsonArray();
        foreach (var s in Spheres)
        {
            spheres.Add(SeedOutputs.Describe(s));
        }

        var atlases = new JsonArray();
        foreach (var a in LabelAtlases)
        {
            atlases.Add(new JsonObject
            {
                ["Name"] = a.Name,
                ["File"] = a.SourcePath,
                ["LabelsTable"] = a.TablePath,
                ["Regions"] = new JsonArray([.. a.Regions.Select(r => (JsonNode)new JsonObject { ["Index"] = r.Index, ["Name"] = r.Name })]),
            });
        }

        return new JsonObject
        {
            [nameof(Spheres)] = spheres,
            [nameof(LabelAtlases)] = atlases,
            ["ConfoundStrategy"] = StudyJson.Describe(Confounds),
            [nameof(Detrend)] = Detrend,
            [nameof(Standardize)] = Standardize.ToString(),
            [nameof(Filter)] = Filter.ToString(),
            [nameof(HighPass)] = HighPass,
            [nameof(LowPass)] = LowPass,
            ["SmoothingFWHM"] = SmoothingFwhm,
            [nameof(MinimumDegreesOfFreedom)] = StudyJson.Number(MinimumDegreesOfFreedom),
        };
    }
}
