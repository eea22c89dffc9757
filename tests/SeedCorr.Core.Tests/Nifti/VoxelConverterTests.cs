using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Tests.Nifti;

/// <summary>The float32 fast path's scaling: skipped for slope 1 / intercept 0 (as nibabel), vectorised otherwise.</summary>
public sealed class VoxelConverterTests
{
    [Fact]
    public void Slope_one_and_intercept_zero_leave_every_bit_alone_including_negative_zero()
    {
        float[] data = [-0f, 0f, 1.5f, float.NaN, float.NegativeInfinity, float.Epsilon, -3.25e30f];
        var before = data.Select(BitConverter.SingleToInt32Bits).ToArray();
        VoxelConverter.InPlaceFloat32(data, bigEndian: false, scale: true, slope: 1, inter: 0);
        Assert.Equal(before, data.Select(BitConverter.SingleToInt32Bits).ToArray());
    }

    [Theory]
    [InlineData(2.0, 3.0)]
    [InlineData(0.0123456789, -1000.5)]
    [InlineData(-7.5, 0.0)]
    [InlineData(1.0, 0.25)]
    public void Scaled_values_are_x_times_slope_plus_intercept_in_float64_rounded_once(double slope, double inter)
    {
        var rng = new Random(11);
        // 1,003 values: whole vectors and a scalar tail, whatever the vector width.
        var data = Enumerable.Range(0, 1003).Select(i => i % 97 == 0 ? float.NaN : (float)((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-6, 7)))).ToArray();
        var expected = data.Select(x => (float)((x * slope) + inter)).ToArray();
        VoxelConverter.InPlaceFloat32(data, bigEndian: false, scale: true, slope, inter);
        for (var i = 0; i < data.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(data[i]));
        }
    }
}
