using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.Masking;

/// <summary>The labels masker (nilearn's NiftiLabelsMasker on a labels volume already on the run's grid) against a plain reference.</summary>
public sealed class LabelsMaskerTests
{
    /// <summary>Blocks of 8 × 10 voxels in the middle third of the slices, labels 3 to 11, 0 (background) elsewhere.</summary>
    internal static LabelsMasker Blocks(NiftiImage image, IReadOnlyList<int>? labels = null) =>
        new(BlockVolume(image.Shape), image.Shape.Take(3).ToArray(), image.Affine, labels);

    [Fact]
    public void Each_label_is_the_float64_mean_of_its_voxels_as_a_reference_loop_computes_it()
    {
        var image = NiftiReader.Read(Bits.SmallBold);
        var volume = BlockVolume(image.Shape);
        var masker = Blocks(image);
        var signals = masker.Transform(image, []);

        var present = volume.Where(l => l != 0).Distinct().Order().ToArray();
        Assert.Equal(present, masker.Labels);
        Assert.Equal((80, present.Length), (signals.Timepoints, signals.Series));
        int nx = image.Shape[0], ny = image.Shape[1], nz = image.Shape[2];
        for (var t = 0; t < 80; t++)
        {
            for (var c = 0; c < present.Length; c++)
            {
                // scipy's ndimage.mean: a float64 sum in C order (i slowest), divided by the count.
                double sum = 0;
                var count = 0;
                for (var i = 0; i < nx; i++)
                {
                    for (var j = 0; j < ny; j++)
                    {
                        for (var k = 0; k < nz; k++)
                        {
                            if (volume[i + (nx * (j + (ny * k)))] == present[c])
                            {
                                sum += image.GetValue(i, j, k, t);
                                count++;
                            }
                        }
                    }
                }

                Assert.Equal(masker.VoxelCounts[c], count);
                Assert.Equal(BitConverter.SingleToInt32Bits((float)(sum / count)), BitConverter.SingleToInt32Bits(signals[t, c]));
            }
        }
    }

    [Fact]
    public void A_label_list_chooses_and_orders_the_columns_and_names_travel_with_them()
    {
        var image = NiftiReader.Read(Bits.SmallBold);
        var all = Blocks(image);
        var two = new LabelsMasker(BlockVolume(image.Shape), image.Shape.Take(3).ToArray(), image.Affine, [all.Labels[2], all.Labels[0]], ["PCC", "mPFC"]);
        var a = all.Transform(image, []);
        var b = two.Transform(image, []);
        Assert.Equal(a.GetSeries(2), b.GetSeries(0));
        Assert.Equal(a.GetSeries(0), b.GetSeries(1));
        Assert.Equal(["PCC", "mPFC"], two.Names);
        Assert.Equal("LabelsMasker 2 labels, " + (two.VoxelCounts[0] + two.VoxelCounts[1]) + " voxels", two.Description);
    }

    [Fact]
    public void Non_finite_values_count_as_zero_and_are_reported()
    {
        var volume = new[] { 1, 1, 2, 0, 1, 2, 2, 0 };
        var data = new float[] { 1, 2, 3, 4, 5, 6, 7, 8, float.NaN, 2, 3, 4, 5, float.PositiveInfinity, 7, 8 };
        var image = NiftiImage.Create(data, [2, 2, 2, 2], Affine.Identity);
        var masker = new LabelsMasker(volume, [2, 2, 2], Affine.Identity);
        var warnings = new List<string>();
        var s = masker.Transform(image, warnings);
        Assert.Equal([(1f + 2 + 5) / 3, (3f + 6 + 7) / 3, (0f + 2 + 5) / 3, (3f + 0 + 7) / 3], s.Data);
        Assert.Equal(["2 non-finite values (NaN or infinity) inside the labels were counted as 0, as nilearn does."], warnings);
    }

    [Fact]
    public void Inverse_transform_puts_each_labels_value_on_its_voxels()
    {
        var masker = new LabelsMasker([1, 1, 2, 0, 1, 2, 2, 0], [2, 2, 2], Affine.Diagonal(2, 2, 2, 0, 0, 0));
        var img = masker.InverseTransform([10f, 20f], 1, as3D: true);
        Assert.Equal([2, 2, 2], img.Shape);
        Assert.Equal([10f, 10f, 20f, 0f, 10f, 20f, 20f, 0f], img.GetData());
        Assert.Equal(2, masker.InverseTransform([1f, 2f, 3f, 4f], 2).VolumeCount);
        Assert.Throws<MaskingException>(() => masker.InverseTransform([1f, 2f, 3f], 1));
    }

    [Fact]
    public void Bad_labels_are_refused_with_the_label_named()
    {
        var shape = new[] { 2, 2, 2 };
        int[] volume = [1, 1, 2, 0, 1, 2, 2, 0];
        var missing = Assert.Throws<MaskingException>(() => new LabelsMasker(volume, shape, Affine.Identity, [1, 7], ["a", "Precuneus"]));
        Assert.Equal(MaskingErrorKind.EmptyMask, missing.Kind);
        Assert.Contains("label 7 (Precuneus)", missing.Message, StringComparison.Ordinal);
        Assert.Equal(MaskingErrorKind.InvalidParameter, Assert.Throws<MaskingException>(() => new LabelsMasker(volume, shape, Affine.Identity, [0, 1])).Kind);
        Assert.Equal(MaskingErrorKind.InvalidParameter, Assert.Throws<MaskingException>(() => new LabelsMasker(volume, shape, Affine.Identity, [1, 1])).Kind);
        Assert.Equal(MaskingErrorKind.EmptyMask, Assert.Throws<MaskingException>(() => new LabelsMasker(new int[8], shape, Affine.Identity)).Kind);
        Assert.Equal(MaskingErrorKind.InvalidParameter, Assert.Throws<MaskingException>(() => new LabelsMasker(volume, shape, Affine.Identity, [1, 2], ["one"])).Kind);
        var fractional = NiftiImage.Create([1, 1.5f, 2, 0, 1, 2, 2, 0], shape, Affine.Identity);
        Assert.Contains("1.5", Assert.Throws<MaskingException>(() => LabelsMasker.FromImage(fractional)).Message, StringComparison.Ordinal);
        var fromImage = LabelsMasker.FromImage(NiftiImage.Create([1, 1, 2, 0, 1, 2, 2, 0], shape, Affine.Identity));
        Assert.Equal([1, 2], fromImage.Labels);
        Assert.Equal([3, 3], fromImage.VoxelCounts);
    }

    [Fact]
    public void An_image_on_another_grid_is_refused()
    {
        var masker = new LabelsMasker([1, 1, 2, 0, 1, 2, 2, 0], [2, 2, 2], Affine.Identity);
        var other = NiftiImage.Create(new float[16], [2, 2, 2, 2], Affine.Diagonal(2, 2, 2, 0, 0, 0));
        Assert.Equal(MaskingErrorKind.GridMismatch, Assert.Throws<MaskingException>(() => masker.Transform(other, [])).Kind);
    }

    private static int[] BlockVolume(int[] shape)
    {
        int nx = shape[0], ny = shape[1], nz = shape[2];
        var volume = new int[nx * ny * nz];
        for (var k = nz / 3; k < 2 * nz / 3; k++)
        {
            for (var j = 0; j < ny; j++)
            {
                for (var i = 0; i < nx; i++)
                {
                    volume[i + (nx * (j + (ny * k)))] = 3 + (i / 8) + (3 * (j / 10));
                }
            }
        }

        return volume;
    }
}
