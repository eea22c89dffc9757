using SeedCorr.Core.Extraction;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Masking;

/// <summary>
/// Any list of maskers fed from one read of the file: each masker's signals are, to the bit, what it gives alone —
/// streamed by itself and transformed in memory — whatever the mix (fitted brain, given brains with two different
/// smoothings, spheres, labels) and the number of threads.
/// </summary>
public sealed class OnePassManyMaskersTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Brain_two_spheres_and_labels_in_one_pass_equal_each_masker_alone(int consumers)
    {
        var image = NiftiReader.Read(Bits.SmallBold);
        var pcc = new SphereMasker([new WorldPoint(0, -52, 18)], 8);
        var frontal = new SphereMasker([new WorldPoint(0, -20, 30), new WorldPoint(20, -20, 30)], 6);
        var labels = LabelsMaskerTests.Blocks(image);
        ISignalMasker[] maskers = [pcc, frontal, labels];

        var x = StreamingExtraction.Run(Bits.SmallBold, new StreamingExtractionOptions { Maskers = maskers, FitBrainMasker = new(SmoothingFwhm: [6]), Consumers = consumers });

        Assert.Equal(1, x.Passes);
        Assert.Equal(4, x.Signals.Count);
        var fitted = BrainMasker.Fit(image, MaskStrategy.Background, [6]);
        Assert.Equal(fitted.Mask.GetData(), x.FittedBrainMasker!.Mask.GetData());
        Assert.Same(x.FittedBrainMasker, x.Maskers[3]);
        Bits.AssertEqual(fitted.Transform(image, []).Data, x.Signals[3].Data);
        Bits.AssertEqual(StreamingExtraction.Run(Bits.SmallBold, new StreamingExtractionOptions { FitBrainMasker = new(SmoothingFwhm: [6]) }).Signals[0].Data, x.Signals[3].Data);
        foreach (var m in maskers)
        {
            var together = x.SignalsOf(m);
            Assert.Same(m, together.Masker);
            Bits.AssertEqual(((SignalMasker)m).Transform(image, []).Data, together.Data);
            Bits.AssertEqual(StreamingExtraction.Run(Bits.SmallBold, new StreamingExtractionOptions { Maskers = [m] }).Signals[0].Data, together.Data);
        }

        Assert.Equal("(80, 2)", x.SignalsOf(frontal).Shape);
        Assert.Equal($"(80, {labels.Labels.Count})", x.SignalsOf(labels).Shape);
    }

    [Fact]
    public void Given_brain_maskers_with_different_smoothings_share_the_read_and_keep_their_bits()
    {
        var image = NiftiReader.Read(Bits.SmallBold);
        var mask = NiftiReader.Read(TestData.Path("small", "nilearn_standardize_true", "brain_mask.nii.gz"));
        var six = BrainMasker.FromMask(mask, [6]);
        var four = BrainMasker.FromMask(mask, [4, 4, 5]);
        var raw = BrainMasker.FromMask(mask);
        var sphere = new SphereMasker([new WorldPoint(0, -52, 18)], 8);
        ISignalMasker[] maskers = [six, sphere, four, raw];

        var streamed = StreamingExtraction.Run(Bits.SmallBold, new StreamingExtractionOptions { Maskers = maskers, Consumers = 2 });
        var inMemory = SignalMasker.TransformAll(image, maskers, []);

        Assert.Null(streamed.FittedBrainMasker);
        for (var i = 0; i < maskers.Length; i++)
        {
            var alone = ((SignalMasker)maskers[i]).Transform(image, []);
            Bits.AssertEqual(alone.Data, streamed.Signals[i].Data);
            Bits.AssertEqual(alone.Data, inMemory[i].Data);
        }

        // Different smoothings give different values: the shared read does not mix them up.
        Assert.NotEqual(streamed.SignalsOf(six).Data, streamed.SignalsOf(four).Data);
        Assert.Equal(image.GetValue(12, 14, 12, 3), raw.Transform(image, []).Data[(3 * raw.VoxelCount) + Array.IndexOf(raw.VoxelIndices(), (12, 14, 12))]);
    }

    [Fact]
    public void Non_finite_values_are_reported_once_per_masker_in_masker_order()
    {
        var image = NiftiReader.Read(Bits.SmallBold);
        var data = image.GetData();
        var pcc = new SphereMasker([new WorldPoint(0, -52, 18)], 8);
        var voxel = pcc.SelectVoxels(image.Shape, image.Affine)[0][0]; // C order
        int nz = image.Shape[2], ny = image.Shape[1], nx = image.Shape[0];
        var f = (voxel / (ny * nz)) + (nx * ((voxel / nz % ny) + (ny * (voxel % nz))));
        data[(5 * image.VolumeSize) + f] = float.NaN;
        using var dir = new TempDir();
        var path = dir.Path("nan.nii.gz");
        NiftiWriter.Write(NiftiImage.Create(data, image.Shape, image.Affine, 2), path);
        var labels = LabelsMaskerTests.Blocks(image);

        var x = StreamingExtraction.Run(path, new StreamingExtractionOptions { Maskers = [pcc, labels], FitBrainMasker = new(SmoothingFwhm: [6]) });

        var expected = new List<string>();
        var read = NiftiReader.Read(path);
        SignalMasker.TransformAll(read, [pcc, labels, BrainMasker.Fit(read, MaskStrategy.Background, [6])], expected);
        Assert.Equal(expected, x.Warnings);
        Assert.Equal(
            ["1 non-finite values (NaN or infinity) inside the spheres were counted as 0, as nilearn does.",
             "1 non-finite values (NaN or infinity) in the image were set to 0 before smoothing, as nilearn does."],
            x.Warnings.Where(w => !w.Contains("labels", StringComparison.Ordinal)));
    }

    [Fact]
    public void Nothing_to_extract_and_a_masker_on_another_grid_are_refused_before_reading()
    {
        var none = Assert.Throws<MaskingException>(() => StreamingExtraction.Run(Bits.SmallBold, new StreamingExtractionOptions()));
        Assert.Equal(MaskingErrorKind.InvalidParameter, none.Kind);
        var other = new LabelsMasker([1, 1, 0, 2, 2, 0, 0, 0], [2, 2, 2], Affine.Identity);
        var ex = Assert.Throws<MaskingException>(() => StreamingExtraction.Run(Bits.SmallBold, new StreamingExtractionOptions { Maskers = [other], FitBrainMasker = new() }));
        Assert.Equal(MaskingErrorKind.GridMismatch, ex.Kind);
    }
}
