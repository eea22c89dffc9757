using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Tests.Masking;

/// <summary>
/// compute_background_mask's border median, which MaskComputation.Background finds by selection rather than a sort:
/// on volumes built so that the median sits between two different values, on one value repeated many times, and
/// with a border wider than the image, the mask is the one the sorted median of the concatenated slices gives.
/// </summary>
public sealed class BackgroundMedianTests
{
    [Theory]
    [InlineData(6, 5, 4, 2, 1)] // 296 border values: an even count, the median between two middle values
    [InlineData(7, 5, 3, 1, 2)] // 142 values, heavy ties (values from a set of 3)
    [InlineData(5, 5, 5, 2, 3)] // 300 values
    [InlineData(3, 4, 2, 2, 4)] // border wider than an axis: slices counted on both sides
    [InlineData(9, 7, 5, 2, 5)] // odd and even dims mixed
    public void Mask_is_the_sorted_median_one(int nx, int ny, int nz, int borderSize, int seed)
    {
        var rng = new Random(seed);
        var levels = seed == 2 ? 3 : 40;
        var mean = new float[nx * ny * nz];
        for (var i = 0; i < mean.Length; i++)
        {
            mean[i] = rng.Next(levels) * 0.5f;
        }

        var expectedBackground = SortedMedian(mean, nx, ny, nz, borderSize);
        var image = NiftiImage.Create(mean, [nx, ny, nz], Affine.Identity);
        var mask = MaskComputation.Background(image, borderSize, meanImage: mean);
        var expected = mean.Select(v => v != expectedBackground).ToArray();
        Assert.Equal(expected, mask);
        Assert.Contains(true, mask);
        if (levels == 3)
        {
            // Heavy ties: the median is one of the values, so many voxels are background.
            Assert.True(mask.Count(inside => !inside) > mean.Length / 10);
        }
    }

    [Fact]
    public void Even_count_median_is_the_mean_of_the_two_middle_values()
    {
        // 4x4x1 with a 1-voxel border: every voxel lies on the border of z (twice), so the border holds each value
        // twice more than its x/y count; values 1..16 make the two middle values differ.
        var mean = Enumerable.Range(1, 16).Select(v => (float)v).ToArray();
        var median = SortedMedian(mean, 4, 4, 1, 1);
        Assert.NotEqual(Math.Floor(median), median); // between two values, e.g. x.5
        var mask = MaskComputation.Background(NiftiImage.Create(mean, [4, 4, 1], Affine.Identity), 1, meanImage: mean);
        Assert.All(mask, Assert.True); // no voxel equals a median that lies between two values
    }

    // The reference: nilearn's np.concatenate of the border slices, sorted, median.
    private static float SortedMedian(float[] mean, int nx, int ny, int nz, int b)
    {
        var border = new List<float>();
        for (var k = 0; k < nz; k++)
        {
            for (var j = 0; j < ny; j++)
            {
                for (var i = 0; i < nx; i++)
                {
                    var count = (i < b ? 1 : 0) + (i >= nx - b ? 1 : 0) + (j < b ? 1 : 0) + (j >= ny - b ? 1 : 0) + (k < b ? 1 : 0) + (k >= nz - b ? 1 : 0);
                    for (var c = 0; c < count; c++)
                    {
                        border.Add(mean[i + (nx * (j + (ny * k)))]);
                    }
                }
            }
        }

        border.Sort();
        var mid = border.Count / 2;
        return border.Count % 2 == 1 ? border[mid] : (float)((border[mid - 1] + (double)border[mid]) / 2);
    }
}
