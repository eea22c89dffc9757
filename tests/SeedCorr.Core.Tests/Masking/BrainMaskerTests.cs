using SeedCorr.Core.Confounds;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;
using SeedCorr.Core.Tests.Support;
using Xunit.Abstractions;

namespace SeedCorr.Core.Tests.Masking;

/// <summary>The brain masker and the seed masker on nilearn's end-to-end "small" case and the "unmask" unit case.</summary>
public sealed class BrainMaskerTests(ITestOutputHelper output)
{
    private static readonly Lazy<NiftiImage> Bold = new(() =>
        NiftiReader.Read(TestData.Path("small", "sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz")));

    private static readonly Lazy<ConfoundsTable> Reduced = new(() =>
        ConfoundsReader.Read(TestData.Path("small", "sub-synth01_task-pixar_desc-reducedConfounds_regressors.tsv")));

    private static SignalCleanOptions Example(Standardization s) => new()
    {
        Detrend = true, Standardize = s, LowPass = 0.1, HighPass = 0.01, RepetitionTime = 2,
        Confounds = Reduced.Value.GetValues(), ConfoundCount = Reduced.Value.Columns,
        StandardizeConfounds = s == Standardization.ZScoreSample ? ConfoundStandardization.ZScoreSample : ConfoundStandardization.ZScore,
    };

    [Fact]
    public void Background_mask_and_voxel_order_are_identical_to_nilearn_on_the_small_case()
    {
        var masker = BrainMasker.Fit(Bold.Value, MaskStrategy.Background, [6]);
        Assert.Equal(4060, masker.VoxelCount);
        var expectedMask = NiftiReader.Read(TestData.Path("small", "nilearn_standardize_true", "brain_mask.nii.gz"));
        Assert.Equal(expectedMask.GetData(), masker.Mask.GetData());
        var order = Npy.Load(TestData.Path("small", "nilearn_standardize_true", "mask_voxel_ijk.npy"));
        var ours = masker.VoxelIndices();
        for (var r = 0; r < ours.Length; r++)
        {
            Assert.Equal((ReadInt(order, (r * 3) + 0), ReadInt(order, (r * 3) + 1), ReadInt(order, (r * 3) + 2)), ours[r]);
        }
    }

    [Theory]
    [InlineData("nilearn_standardize_true", Standardization.ZScore)]
    [InlineData("nilearn_zscore_sample", Standardization.ZScoreSample)]
    public void Brain_time_series_after_smoothing_and_cleaning_are_within_1e4_of_nilearn(string folder, Standardization s)
    {
        var masker = BrainMasker.Fit(Bold.Value, MaskStrategy.Background, [6]);
        var signals = masker.Transform(Bold.Value, []);
        Assert.Equal("(80, 4060)", signals.Shape);
        var cleaned = SignalCleaner.Clean(signals, Example(s)).Signals;
        AgreesWithNilearn(folder, "brain_timeseries.npy", signals, cleaned, Example(s), 1e-4);
    }

    [Theory]
    [InlineData("nilearn_standardize_true", Standardization.ZScore)]
    [InlineData("nilearn_zscore_sample", Standardization.ZScoreSample)]
    public void Seed_time_series_is_within_1e5_of_nilearn(string folder, Standardization s)
    {
        var seed = new SphereMasker([new WorldPoint(0, -52, 18)], 8);
        var voxels = seed.SelectVoxels(Bold.Value.Shape, Bold.Value.Affine)[0];
        var ijk = Npy.Load(TestData.Path("small", folder, "seed_sphere_voxel_ijk.npy"));
        var shape = Bold.Value.Shape;
        var expectedVoxels = Enumerable.Range(0, ijk.Count / 3)
            .Select(r => (((ReadInt(ijk, r * 3) * shape[1]) + ReadInt(ijk, (r * 3) + 1)) * shape[2]) + ReadInt(ijk, (r * 3) + 2)).ToArray();
        Assert.Equal(expectedVoxels, voxels);

        var raw = seed.Transform(Bold.Value, []);
        Assert.Equal("(80, 1)", raw.Shape);
        var cleaned = SignalCleaner.Clean(raw, Example(s)).Signals;
        AgreesWithNilearn(folder, "seed_timeseries.npy", raw, cleaned, Example(s), 1e-5);
    }

    [Fact]
    public void Unmask_order_and_inverse_shapes_match_nilearn()
    {
        var mask = NiftiReader.Read(TestData.Path("unit", "unmask__input_mask.nii.gz"));
        var data = NiftiReader.Read(TestData.Path("unit", "unmask__input_data.nii.gz"));
        var masker = BrainMasker.FromMask(mask);
        var x = masker.Transform(data, []);
        var expectedX = UnitManifest.Load("unmask__order_and_shapes__X.npy").AsDoubles();
        Assert.Equal(expectedX, x.Data.Select(v => (double)v).ToArray());

        var inv4 = masker.InverseTransform(x.Data.AsSpan(0, x.Series), 1);
        Assert.Equal([5, 6, 4, 1], inv4.Shape);
        var e4 = UnitManifest.Load("unmask__order_and_shapes__inverse_2d_input.npy");
        Assert.Equal(Npy.COrderToFOrder(e4.AsDoubles(), e4.Shape), inv4.GetData().Select(v => (double)v).ToArray());

        var inv3 = masker.InverseTransform(x.Data.AsSpan(0, x.Series), 1, as3D: true);
        Assert.Equal([5, 6, 4], inv3.Shape);
        var e3 = UnitManifest.Load("unmask__order_and_shapes__inverse_1d_input.npy");
        Assert.Equal(Npy.COrderToFOrder(e3.AsDoubles(), e3.Shape), inv3.GetData().Select(v => (double)v).ToArray());
    }

    [Fact]
    public void A_mask_on_another_grid_is_refused()
    {
        var masker = BrainMasker.FromMask(NiftiReader.Read(TestData.Path("unit", "unmask__input_mask.nii.gz")));
        var ex = Assert.Throws<MaskingException>(() => masker.Transform(Bold.Value, []));
        Assert.Equal(MaskingErrorKind.GridMismatch, ex.Kind);
    }

    /// <summary>
    /// nilearn cleans float32 signals partly in float32 (detrend sums, the raw mean added back, std), which moves its
    /// result by up to 1.2e-4 from the same algorithm in float64 (the fixtures' README measures exactly that). We sum in
    /// float64. So: our float32 result must match the float64 algorithm on the same extracted signals to the issue's
    /// tolerance, and be no farther from nilearn's golden than nilearn's own float32 rounding plus that tolerance.
    /// </summary>
    private void AgreesWithNilearn(string folder, string file, SignalMatrix raw, SignalMatrix cleaned, SignalCleanOptions options, double tol)
    {
        var expected = Npy.Load(TestData.Path("small", folder, file)).AsDoubles();
        var (ref64, _) = SignalCleaner.Clean(raw.Data.Select(v => (double)v).ToArray(), raw.Timepoints, raw.Series, options);
        var vsNilearn = expected.Select((e, i) => Math.Abs(e - cleaned.Data[i])).Max();
        var vsFloat64 = ref64.Select((e, i) => Math.Abs(e - cleaned.Data[i])).Max();
        var nilearnRounding = expected.Select((e, i) => Math.Abs(e - ref64[i])).Max();
        output.WriteLine($"{folder}/{file}: {vsNilearn:E2} from nilearn, {vsFloat64:E2} from the float64 algorithm, nilearn's float32 rounding {nilearnRounding:E2}");
        Assert.True(vsFloat64 <= tol, $"{vsFloat64:E2} from the float64 algorithm");
        Assert.True(vsNilearn <= nilearnRounding + tol, $"{vsNilearn:E2} from nilearn, its rounding {nilearnRounding:E2}");
    }

    private static int ReadInt(Npy npy, int index) => npy.Descr switch
    {
        "<i8" => (int)BitConverter.ToInt64(npy.Bytes, index * 8),
        _ => BitConverter.ToInt32(npy.Bytes, index * 4),
    };
}
