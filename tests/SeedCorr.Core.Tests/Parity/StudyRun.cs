using SeedCorr.Core.Confounds;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Seeds;
using SeedCorr.Core.Signal;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Parity;

/// <summary>
/// One run of tests/data/study with its inputs and nilearn 0.10.4's answers, and the raw seed series computed three
/// ways: as nilearn computes them (float32 sphere sums), as SeedCorr's maskers do, and in float64.
/// </summary>
internal sealed class StudyRun
{
    public const int Volumes = 80;
    public const double RepetitionTime = 2.0;
    public const double HighPass = 0.01;
    public const double LowPass = 0.1;

    public static readonly WorldPoint[] Seeds = [new(0, -52, 18), new(-46, -66, 32), new(0, -20, 64)];

    public static readonly string[] Names = ["sub-01_task-rest", "sub-02_task-rest", "sub-03_task-rest_run-1", "sub-03_task-rest_run-2", "sub-04_task-rest"];

    private static readonly Dictionary<string, StudyRun> Cache = [];

    private StudyRun(string run)
    {
        Run = run;
        var subject = run[..6];
        var func = TestData.Path("study", "derivatives", "fmriprep", subject, "func");
        Bold = NiftiReader.Read(Path.Combine(func, run + "_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz"));
        BrainMask = NiftiReader.Read(Path.Combine(func, run + "_space-MNI152NLin2009cAsym_desc-brain_mask.nii.gz"));
        Assert.Equal("null", File.ReadAllText(Reference("sample_mask.json")).Trim());
        var confounds = ConfoundsReader.Read(Reference("confounds.tsv"));
        Confounds = confounds.GetValues();
        ConfoundCount = confounds.Columns;
        Assert.Equal([Volumes, 3], Npy.Load(Reference("spheres_timeseries.npy")).Shape);
        Assert.Equal([Volumes, 4], Npy.Load(Reference("labels_timeseries.npy")).Shape);
        NilearnSpheres = Npy.Load(Reference("spheres_timeseries.npy")).AsDoubles();
        NilearnLabels = Npy.Load(Reference("labels_timeseries.npy")).AsDoubles();

        var shape = Bold.Shape.Take(3).ToArray();
        SphereVoxels = new SphereMasker(Seeds, 8).SelectVoxels(shape, Bold.Affine);
        var atlas = SeedAtlas.FromLabelsImage(NiftiReader.Read(TestData.Path("study", "atlas", "dmn_labels_2mm.nii.gz")),
            TestData.Path("study", "atlas", "dmn_labels.tsv"), "DMN", []);
        Labels = atlas.OnGrid(shape, Bold.Affine);
        Assert.Equal([1, 2, 3, 4], Labels.Regions.Select(r => r.Index));
    }

    public string Run { get; }

    public NiftiImage Bold { get; }

    public NiftiImage BrainMask { get; }

    /// <summary>The strategy's confounds (time-major, float64), as nilearn got them from the DataFrame.</summary>
    public double[] Confounds { get; }

    public int ConfoundCount { get; }

    /// <summary>nilearn's cleaned sphere series (80 × 3, row-major).</summary>
    public double[] NilearnSpheres { get; }

    /// <summary>nilearn's cleaned label series (80 × 4, row-major).</summary>
    public double[] NilearnLabels { get; }

    /// <summary>Each sphere's voxels as ascending C-order indices (nilearn's order).</summary>
    public int[][] SphereVoxels { get; }

    public AtlasOnGrid Labels { get; }

    public static StudyRun Get(string run)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(run, out var r))
            {
                r = new StudyRun(run);
                Cache[run] = r;
            }

            return r;
        }
    }

    public string Reference(string file) => TestData.Path("study", "reference", Run, file);

    /// <summary>The raw sphere means as nilearn 0.10.4 computes them (float32 sums).</summary>
    public float[] NilearnRawSpheres() => NilearnFloat32Emulation.SphereMeans<float>(Bold, SphereVoxels);

    /// <summary>The raw sphere means in float64 (no rounding to float32).</summary>
    public double[] Float64RawSpheres() => NilearnFloat32Emulation.SphereMeans<double>(Bold, SphereVoxels);

    /// <summary>
    /// The raw label means: scipy's <c>ndimage.mean</c> sums in float64 (<c>bincount</c> weights) and divides in float64;
    /// nilearn stores the result in a float32 array. Here: the float64 means, voxels summed in file order, non-finite
    /// values counted as 0.
    /// </summary>
    public double[] Float64RawLabels()
    {
        var column = Labels.Regions.Select((r, c) => (r.Index, c)).ToDictionary(p => p.Index, p => p.c);
        var labels = Labels.Labels.Values.ToArray();
        var counts = new int[column.Count];
        foreach (var l in labels)
        {
            if (column.TryGetValue(l, out var c))
            {
                counts[c]++;
            }
        }

        var k = column.Count;
        var result = new double[Bold.VolumeCount * k];
        for (var t = 0; t < Bold.VolumeCount; t++)
        {
            var volume = Bold.GetVolumeSpan(t);
            var sums = result.AsSpan(t * k, k);
            for (var n = 0; n < volume.Length; n++)
            {
                if (column.TryGetValue(labels[n], out var c) && float.IsFinite(volume[n]))
                {
                    sums[c] += volume[n];
                }
            }

            for (var c = 0; c < k; c++)
            {
                sums[c] /= counts[c];
            }
        }

        return result;
    }

    /// <summary>SeedCorr's cleaning as the fixture was made, allowing nilearn's −1 degrees of freedom.</summary>
    public SignalCleanOptions CleanOptions() => new()
    {
        Detrend = true, Standardize = Standardization.ZScoreSample, LowPass = LowPass, HighPass = HighPass, RepetitionTime = RepetitionTime,
        Confounds = Confounds, ConfoundCount = ConfoundCount, MinimumDegreesOfFreedom = double.NegativeInfinity,
    };

    public float[] SeedCorrClean(float[] raw, int series) => SignalCleaner.Clean(new SignalMatrix(Volumes, series, raw), CleanOptions()).Signals.CopyValues();

    public double[] Float64Clean(double[] raw, int series) => SignalCleaner.Clean(raw, Volumes, series, CleanOptions()).Values;

    /// <summary>nilearn's float32 cleaning (<see cref="NilearnFloat32Emulation"/>), or only the steps given.</summary>
    public float[] EmulatedClean(float[] raw, int series, NilearnFloat32Steps steps = NilearnFloat32Steps.All) =>
        NilearnFloat32Emulation.Clean(raw, Volumes, series, Confounds, ConfoundCount, RepetitionTime, HighPass, LowPass, ConfoundStandardization.ZScore, steps);

    /// <summary>Max |a − b| per column of two row-major (80 × n) matrices.</summary>
    public static double[] MaxAbsDiff(IReadOnlyList<double> a, IReadOnlyList<double> b, int n)
    {
        var d = new double[n];
        for (var i = 0; i < a.Count; i++)
        {
            d[i % n] = Math.Max(d[i % n], Math.Abs(a[i] - b[i]));
        }

        return d;
    }
}
