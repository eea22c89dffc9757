using System.Runtime.CompilerServices;

namespace SeedCorr.Core.Nifti;

/// <summary>
/// The mean over time of each voxel of a 3D or 4D image (nilearn's mean_img of float32 data): a float64 sum of the
/// float32 values in time order, divided by the number of volumes and rounded to float32; NaN stays NaN. Volumes are
/// added one at a time, so a streaming reader and the in-memory image give the same bits.
/// </summary>
public sealed class TemporalMean
{
    private readonly double[] _sum;
    private int _volumes;

    /// <summary>Starts a mean over volumes of <paramref name="voxels"/> values.</summary>
    public TemporalMean(int voxels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(voxels);
        _sum = new double[voxels];
    }

    /// <summary>Adds the next volume (in time order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<float> volume)
    {
        if (volume.Length != _sum.Length)
        {
            throw new ArgumentException($"a volume of {volume.Length} values does not fit a mean of {_sum.Length} voxels", nameof(volume));
        }

        AddTo(_sum, volume);
        _volumes++;
    }

    /// <summary>The mean of the volumes added so far, one float32 per voxel.</summary>
    public float[] ToArray() => Divide(_sum, _volumes);

    /// <summary>The mean image of <paramref name="image"/>, computed in parallel over blocks of voxels.</summary>
    public static float[] Of(NiftiImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var n = image.VolumeSize;
        var t = image.VolumeCount;
        var mean = new float[n];
        var data = image.Data;
        const int block = 4096;
        Parallel.For(0, (n + block - 1) / block, b =>
        {
            var start = b * block;
            var len = Math.Min(block, n - start);
            var sum = new double[len];
            var d = data.Span;
            for (var v = 0; v < t; v++)
            {
                AddTo(sum, d.Slice((v * n) + start, len));
            }

            Divide(sum, t).CopyTo(mean, start);
        });

        return mean;
    }

    // One float64 addition per value, in time order: the bits do not depend on how the voxels are split.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddTo(Span<double> sum, ReadOnlySpan<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            sum[i] += values[i];
        }
    }

    private static float[] Divide(double[] sum, int count)
    {
        var mean = new float[sum.Length];
        for (var i = 0; i < mean.Length; i++)
        {
            mean[i] = (float)(sum[i] / count);
        }

        return mean;
    }
}
