using SeedCorr.Core.Masking;

namespace SeedCorr.Core.Tests.Masking;

/// <summary>
/// The region smoother (what the maskers use) against the whole-volume smoothing that SmoothingParityTests holds to
/// scipy's bits: the same bits at every kept voxel, for boxes anywhere (touching the edges or not), kernels of several
/// sizes (axes left alone included), zero backgrounds, negative zeros, and a buffer reused across volumes.
/// </summary>
public sealed class RegionSmootherTests
{
    [Theory]
    [InlineData(13, 11, 9, 0.9, 1.3, 0.7, 1)]
    [InlineData(8, 5, 7, 2.5, 0.0, 1.1, 2)]   // j axis left alone; kernels wider than the box
    [InlineData(17, 6, 4, 0.0, 0.8, 0.0, 3)]  // only the j axis
    [InlineData(3, 3, 3, 1.7, 1.7, 1.7, 4)]   // kernels wider than the volume (reflected more than once)
    [InlineData(40, 23, 19, 1.27, 1.27, 1.27, 5)] // the 2 mm case's sigma
    public void Kept_voxels_get_the_whole_volume_smoothings_bits(int nx, int ny, int nz, double sx, double sy, double sz, int seed)
    {
        var rng = new Random(seed);
        double[]?[] kernels = [sx > 0 ? GaussianSmoothing.Kernel(sx) : null, sy > 0 ? GaussianSmoothing.Kernel(sy) : null, sz > 0 ? GaussianSmoothing.Kernel(sz) : null];
        var n = nx * ny * nz;
        for (var trial = 0; trial < 6; trial++)
        {
            // A box somewhere (trial 0: the whole grid), kept voxels scattered inside it.
            int i0 = trial == 0 ? 0 : rng.Next(nx), j0 = trial == 0 ? 0 : rng.Next(ny), k0 = trial == 0 ? 0 : rng.Next(nz);
            int i1 = trial == 0 ? nx - 1 : rng.Next(i0, nx), j1 = trial == 0 ? ny - 1 : rng.Next(j0, ny), k1 = trial == 0 ? nz - 1 : rng.Next(k0, nz);
            var kept = new List<int>();
            for (var i = i0; i <= i1; i++)
            {
                for (var j = j0; j <= j1; j++)
                {
                    for (var k = k0; k <= k1; k++)
                    {
                        if (rng.NextDouble() < 0.6 || (i, j, k) == (i0, j0, k0) || (i, j, k) == (i1, j1, k1))
                        {
                            kept.Add(i + (nx * (j + (ny * k))));
                        }
                    }
                }
            }

            var offsets = kept.ToArray();
            var smoother = new RegionSmoother([nx, ny, nz], kernels, offsets);
            for (var volume = 0; volume < 3; volume++)
            {
                var data = Volume(rng, nx, ny, nz);
                var expected = (float[])data.Clone();
                GaussianSmoothing.SmoothVolume(expected, nx, ny, nz, kernels);
                var row = new float[offsets.Length];
                smoother.SmoothAndGather(data, offsets, row);
                for (var c = 0; c < offsets.Length; c++)
                {
                    var want = expected[offsets[c]];
                    if (BitConverter.SingleToInt32Bits(want) != BitConverter.SingleToInt32Bits(row[c]))
                    {
                        Assert.Fail($"trial {trial} volume {volume} voxel {offsets[c]} of {n}: expected {want:R}, got {row[c]:R}");
                    }
                }
            }
        }
    }

    /// <summary>Values in a blob over a background of +0 rows and planes, with a few −0 and isolated values.</summary>
    private static float[] Volume(Random rng, int nx, int ny, int nz)
    {
        var data = new float[nx * ny * nz];
        for (var k = 0; k < nz; k++)
        {
            for (var j = 0; j < ny; j++)
            {
                for (var i = 0; i < nx; i++)
                {
                    double dx = (i - (nx / 2.0)) / nx, dy = (j - (ny / 2.0)) / ny, dz = (k - (nz / 2.0)) / nz;
                    var inside = (dx * dx) + (dy * dy) + (dz * dz) < 0.12;
                    var roll = rng.NextDouble();
                    data[i + (nx * (j + (ny * k)))] = inside ? (float)(500 + (100 * rng.NextDouble())) : roll < 0.02 ? -0f : roll < 0.03 ? (float)rng.NextDouble() : 0f;
                }
            }
        }

        return data;
    }
}
