using System.Globalization;
using SeedCorr.Core.Confounds;
using SeedCorr.Core.Connectivity;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;
using SeedCorr.Core.Tests.Support;
using Xunit.Abstractions;

namespace SeedCorr.Core.Tests.Parity;

/// <summary>
/// Issue 16: SeedCorr's seed series on tests/data/study differ from nilearn 0.10.4's by up to 1.3e-4 (spheres) and
/// 2.3e-4 (labels). These tests show that the whole gap is nilearn's float32 arithmetic (docs/nilearn-differences.md
/// #9): <see cref="NilearnFloat32Emulation"/>, which rounds to float32 where numpy does, reproduces every fixture
/// value to the bit, and SeedCorr is several times closer than nilearn to the same cleaning done in float64. The r maps
/// are within 1.2e-5 of nilearn already.
/// </summary>
public sealed class NilearnFloat32EmulationTests(ITestOutputHelper output)
{
    public static TheoryData<string> Runs => [.. StudyRun.Names];

    [Theory]
    [MemberData(nameof(Runs))]
    public void Emulating_nilearns_float32_arithmetic_reproduces_the_study_sphere_and_label_series_to_the_bit(string run)
    {
        // Measured on all 5 runs: 240 of 240 sphere values and 320 of 320 label values identical as float32.
        var r = StudyRun.Get(run);
        var spheres = r.EmulatedClean(r.NilearnRawSpheres(), 3);
        var labels = r.EmulatedClean(r.Float64RawLabels().Select(v => (float)v).ToArray(), 4);
        Assert.Equal(r.NilearnSpheres.Select(v => (float)v), spheres);
        Assert.Equal(r.NilearnLabels.Select(v => (float)v), labels);
        output.WriteLine($"{run}: spheres and labels identical to nilearn's float32 values");
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void SeedCorrs_float64_sums_are_several_times_closer_than_nilearn_to_the_same_cleaning_in_float64(string run)
    {
        // The independent check: the raw means and the cleaning in float64 (SeedCorr's float64 cleaner, which matches
        // nilearn's float64 goldens to 1e-10). Measured max |x - float64| per seed, over the 5 runs:
        //   SeedCorr (float32 storage, float64 sums): spheres 1.2e-6 .. 1.1e-5, labels 2.4e-6 .. 1.4e-5;
        //   nilearn (the fixture):                    spheres 1.5e-5 .. 1.3e-4, labels 2.4e-5 .. 2.3e-4;
        //   SeedCorr - nilearn:                       spheres 1.4e-5 .. 1.3e-4, labels 2.3e-5 .. 2.3e-4.
        // Run by run, SeedCorr's largest error is 5.6 (sub-04 spheres) to 16 (sub-03 run 1 labels) times smaller.
        var r = StudyRun.Get(run);
        var seedCorrSpheres = r.SeedCorrClean(new SphereMasker(StudyRun.Seeds, 8).Transform(r.Bold, []).Data, 3);
        var labelsRaw = r.Float64RawLabels();
        var seedCorrLabels = r.SeedCorrClean(labelsRaw.Select(v => (float)v).ToArray(), 4);
        foreach (var (kind, n, seedCorr, nilearn, float64) in new[]
        {
            ("spheres", 3, seedCorrSpheres, r.NilearnSpheres, r.Float64Clean(r.Float64RawSpheres(), 3)),
            ("labels", 4, seedCorrLabels, r.NilearnLabels, r.Float64Clean(labelsRaw, 4)),
        })
        {
            var ours = seedCorr.Select(v => (double)v).ToArray();
            var toNilearn = StudyRun.MaxAbsDiff(ours, nilearn, n);
            var oursToF64 = StudyRun.MaxAbsDiff(ours, float64, n);
            var nilearnToF64 = StudyRun.MaxAbsDiff(nilearn, float64, n);
            output.WriteLine($"{run} {kind}: |SeedCorr - nilearn| {Figures(toNilearn)}; |SeedCorr - float64| {Figures(oursToF64)}; |nilearn - float64| {Figures(nilearnToF64)}");
            Assert.All(toNilearn, d => Assert.InRange(d, 0, 2.5e-4));
            Assert.All(oursToF64, d => Assert.InRange(d, 0, 2e-5));
            Assert.True(oursToF64.Max() * 4 < nilearnToF64.Max(), $"{kind}: SeedCorr {oursToF64.Max():E2} from float64, nilearn {nilearnToF64.Max():E2}");
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_gap_is_a_float32_mean_offset_plus_the_quantisation_of_the_raw_mean_added_back(string run)
    {
        // nilearn adds the raw means (640 .. 880 here) back to the cleaned residual (sd 0.65 .. 5.5) in float32 and
        // z-scores that in float32. Against the float64 cleaning of the same raw series, nilearn's error per seed is
        //  - a constant offset (|offset| up to 1.9e-4, measured): np.mean over 80 values near 800 added row by row in
        //    float32 is off by ~1e-4 (partial sums to 6.4e4, where float32's step is 2^-8), and the whole z series
        //    shifts by that over the sd;
        //  - plus a part that varies in time, within 1.2 × q (measured), q = half float32's step at the mean (6.1e-5 / 2)
        //    over the residual sd (5.5e-6 .. 4.7e-5): the residual rounded to float32's grid at the mean.
        // The emulation with nilearn's steps but a float64 z-score loses the offset and keeps only the quantisation
        // (within 1.2 × q). Each step is needed for the bits: without nilearn's float32 z-score the result is up to
        // 1.9e-4 from nilearn, without the mean added back 2.3e-4, without the float32 detrend up to 6.9e-5 (7 of the 10
        // run × kind cases, 0 in the others), without the float32 filter padding up to 3.3e-5 (2 of 10).
        var r = StudyRun.Get(run);
        foreach (var (kind, n, raw, nilearn) in new[]
        {
            ("spheres", 3, r.NilearnRawSpheres(), r.NilearnSpheres),
            ("labels", 4, r.Float64RawLabels().Select(v => (float)v).ToArray(), r.NilearnLabels),
        })
        {
            var float64 = r.Float64Clean(raw.Select(v => (double)v).ToArray(), n);
            var float64Z = r.EmulatedClean(raw, n, NilearnFloat32Steps.All & ~NilearnFloat32Steps.ZScore);
            var residual = SignalCleaner.Clean(raw.Select(v => (double)v).ToArray(), StudyRun.Volumes, n, r.CleanOptions() with { Standardize = Standardization.None }).Values;
            for (var c = 0; c < n; c++)
            {
                double[] Column(IReadOnlyList<double> m) => Enumerable.Range(0, StudyRun.Volumes).Select(t => m[(t * n) + c]).ToArray();
                var level = Column(residual);
                var mean = level.Average();
                var sd = Math.Sqrt(level.Sum(x => (x - mean) * (x - mean)) / (StudyRun.Volumes - 1));
                var q = (MathF.BitIncrement((float)mean) - (float)mean) / 2 / sd;
                var f64 = Column(float64);
                var d = Column(nilearn).Zip(f64, (a, b) => a - b).ToArray();
                var offset = d.Average();
                var varying = d.Max(x => Math.Abs(x - offset));
                var withoutOffset = Column(float64Z.Select(v => (double)v).ToArray()).Zip(f64, (a, b) => Math.Abs(a - b)).Max();
                output.WriteLine(FormattableString.Invariant(
                    $"{run} {kind} {c + 1}: mean {mean:F0}, sd {sd:F2}, q {q:E1}; nilearn - float64: offset {offset:E1}, varying part {varying:E1}; with a float64 z-score {withoutOffset:E1}"));
                Assert.InRange(varying, 0, 1.25 * q);
                Assert.InRange(withoutOffset, 0, 1.25 * q);
            }

            double Gap(NilearnFloat32Steps steps) =>
                StudyRun.MaxAbsDiff(r.EmulatedClean(raw, n, steps).Select(v => (double)v).ToArray(), nilearn, n).Max();
            output.WriteLine(FormattableString.Invariant(
                $"{run} {kind}: |x - nilearn| without nilearn's float32 detrend {Gap(NilearnFloat32Steps.All & ~NilearnFloat32Steps.Detrend):E1}, padding {Gap(NilearnFloat32Steps.All & ~NilearnFloat32Steps.FilterPadding):E1}, mean added back {Gap(NilearnFloat32Steps.All & ~NilearnFloat32Steps.MeanAddedBack):E1}, z-score {Gap(NilearnFloat32Steps.All & ~NilearnFloat32Steps.ZScore):E1}"));
            Assert.Equal(0, Gap(NilearnFloat32Steps.All));

            // Without nilearn's steps the emulation is SeedCorr's cleaner.
            var seedCorr = r.SeedCorrClean(raw, n).Select(v => (double)v).ToArray();
            var emulatedNone = r.EmulatedClean(raw, n, NilearnFloat32Steps.None).Select(v => (double)v).ToArray();
            Assert.InRange(StudyRun.MaxAbsDiff(seedCorr, emulatedNone, n).Max(), 0, 1e-6);
        }
    }

    [Fact]
    public void The_emulation_also_gives_the_small_cases_single_seed_to_the_bit_and_nearly_all_brain_values()
    {
        // nilearn_zscore_sample of the small case (the 0.10.4 example file's variant). One column makes numpy's
        // reductions pairwise (the emulation's other branch). Measured: the seed 80/80 identical; the smoothed brain
        // series 324,557 of 324,800 identical: 6 of the 4,060 voxels differ, within 1.5e-5, presumably by a float32 step
        // somewhere in their smoothed input (SeedCorr's Gaussian sums in float64 in another order than scipy's
        // correlate1d; the fixture has no smoothed series to check that against).
        var bold = NiftiReader.Read(TestData.Path("small", "sub-synth01_task-pixar_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz"));
        var confounds = ConfoundsReader.Read(TestData.Path("small", "sub-synth01_task-pixar_desc-reducedConfounds_regressors.tsv"));
        float[] Clean(float[] raw, int n) => NilearnFloat32Emulation.Clean(raw, StudyRun.Volumes, n, confounds.GetValues(), confounds.Columns,
            StudyRun.RepetitionTime, StudyRun.HighPass, StudyRun.LowPass, ConfoundStandardization.ZScoreSample);

        var voxels = new SphereMasker([new(0, -52, 18)], 8).SelectVoxels(bold.Shape.Take(3).ToArray(), bold.Affine);
        var seed = Clean(NilearnFloat32Emulation.SphereMeans<float>(bold, voxels), 1);
        Assert.Equal(Npy.Load(TestData.Path("small", "nilearn_zscore_sample", "seed_timeseries.npy")).AsDoubles().Select(v => (float)v), seed);

        var brain = Clean(BrainMasker.Fit(bold, MaskStrategy.Background, [6]).Transform(bold, []).Data, 4060);
        var want = Npy.Load(TestData.Path("small", "nilearn_zscore_sample", "brain_timeseries.npy")).AsDoubles();
        var same = brain.Zip(want).Count(p => p.First == (float)p.Second);
        var maxDiff = brain.Zip(want, (a, b) => Math.Abs(a - b)).Max();
        var columns = Enumerable.Range(0, brain.Length).Where(i => brain[i] != (float)want[i]).Select(i => i % 4060).Distinct().Count();
        output.WriteLine(FormattableString.Invariant($"small brain: {same} of {brain.Length} identical ({columns} voxels differ), max |emulated - nilearn| {maxDiff:E2}"));
        Assert.InRange(same, brain.Length * 0.999, brain.Length);
        Assert.InRange(maxDiff, 0, 2e-5);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_r_maps_are_within_2e5_of_nilearn_and_the_emulated_float32_path_within_2_5e6(string run)
    {
        // Pearson r of every voxel of BrainMasker.FromMask(run's mask, smoothing 6) with each seed, against
        // reference/<run>/{spheres,labels}_r.nii.gz. Measured max |r - nilearn| per seed over the 5 runs:
        //   SeedCorr as is: spheres 6.0e-6 .. 1.1e-5, labels 5.9e-6 .. 1.1e-5 (issue 16 asks 1e-4);
        //   brain and seeds both cleaned by the emulation: 3.6e-7 .. 1.7e-6 (the seeds are exact; what remains is on the
        //   brain side, as on the small case, where 6 of 4,060 emulated voxel series are not bit-identical);
        //   SeedCorr's brain with the emulated seeds: 5.6e-6 .. 9.8e-6 (so most of SeedCorr's r gap is the brain side).
        var r = StudyRun.Get(run);
        var masker = BrainMasker.FromMask(r.BrainMask, [6]);
        var brainRaw = masker.Transform(r.Bold, []);
        Assert.Equal(4060, brainRaw.Series);
        var ijk = masker.VoxelIndices();
        var seedCorrBrain = SignalCleaner.Clean(brainRaw, r.CleanOptions()).Signals;
        var emulatedBrain = new SignalMatrix(StudyRun.Volumes, brainRaw.Series, r.EmulatedClean(brainRaw.Data, brainRaw.Series));
        var labelsRaw = r.Float64RawLabels().Select(v => (float)v).ToArray();
        foreach (var (file, n, seedCorrSeeds, emulatedSeeds) in new[]
        {
            ("spheres_r.nii.gz", 3, r.SeedCorrClean(new SphereMasker(StudyRun.Seeds, 8).Transform(r.Bold, []).Data, 3), r.EmulatedClean(r.NilearnRawSpheres(), 3)),
            ("labels_r.nii.gz", 4, r.SeedCorrClean(labelsRaw, 4), r.EmulatedClean(labelsRaw, 4)),
        })
        {
            var want = NiftiReader.Read(r.Reference(file));
            var seedCorr = SeedCorrelation.Compute(seedCorrBrain, new SignalMatrix(StudyRun.Volumes, n, seedCorrSeeds));
            var emulated = SeedCorrelation.Compute(emulatedBrain, new SignalMatrix(StudyRun.Volumes, n, emulatedSeeds));
            var mixed = SeedCorrelation.Compute(seedCorrBrain, new SignalMatrix(StudyRun.Volumes, n, emulatedSeeds));
            for (var s = 0; s < n; s++)
            {
                var a = seedCorr.GetCorrelations(s);
                var b = emulated.GetCorrelations(s);
                var m = mixed.GetCorrelations(s);
                double dSeedCorr = 0, dEmulated = 0, dMixed = 0;
                for (var v = 0; v < ijk.Length; v++)
                {
                    var expected = want.GetValue(ijk[v].I, ijk[v].J, ijk[v].K, s);
                    dSeedCorr = Math.Max(dSeedCorr, Math.Abs(a[v] - expected));
                    dEmulated = Math.Max(dEmulated, Math.Abs(b[v] - expected));
                    dMixed = Math.Max(dMixed, Math.Abs(m[v] - expected));
                }

                output.WriteLine(FormattableString.Invariant($"{run} {file} seed {s + 1}: |r - nilearn| SeedCorr {dSeedCorr:E2}, emulated {dEmulated:E2}, SeedCorr's brain with emulated seeds {dMixed:E2}"));
                Assert.InRange(dSeedCorr, 0, 2e-5);
                Assert.InRange(dEmulated, 0, 2.5e-6);
            }
        }
    }

    private static string Figures(double[] d) => string.Join(" ", d.Select(x => x.ToString("E1", CultureInfo.InvariantCulture)));
}
