using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Plotting;

/// <summary>
/// One 3D volume looked up by world (RAS mm) position, nearest neighbour. Sampling in world space rather than in
/// voxel order is what makes the display follow the affine: flipped axes, permuted axes and oblique affines all
/// come out in the same RAS orientation.
/// </summary>
public sealed class PlotVolume
{
    private readonly float[] _data;
    private readonly int _ni, _nj, _nk;
    private readonly Affine _inverse;

    /// <summary>Takes volume <paramref name="volume"/> of <paramref name="image"/>.</summary>
    public PlotVolume(NiftiImage image, int volume = 0)
        : this(image.GetVolume(volume), image.Shape, image.Affine)
    {
    }

    /// <summary>The image itself when 3D, its mean over time when 4D (a background from a functional image).</summary>
    public static PlotVolume MeanOf(NiftiImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.VolumeCount > 1
            ? new PlotVolume(TemporalMean.Of(image), image.Shape.Take(3).ToArray(), image.Affine)
            : new PlotVolume(image);
    }

    /// <summary>A volume from its voxels (i fastest), shape and affine.</summary>
    public PlotVolume(float[] data, IReadOnlyList<int> shape, Affine affine)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(affine);
        _ni = shape[0];
        _nj = shape.Count > 1 ? shape[1] : 1;
        _nk = shape.Count > 2 ? shape[2] : 1;
        if ((long)_ni * _nj * _nk != data.Length)
        {
            throw new ArgumentException($"{data.Length} values do not fill a {_ni}x{_nj}x{_nk} volume", nameof(data));
        }

        _data = data;
        Affine = affine;
        _inverse = affine.Inverse();
    }

    private GreyRange? _greyRange; // a reference, so threads drawing at once never see half of one

    /// <summary>
    /// A background grey range computed once per display step: the shared MNI template is drawn under every figure,
    /// and its percentiles need not be found again each time.
    /// </summary>
    internal (float Low, float High) CachedRange(double step, Func<(float Low, float High)> compute)
    {
        if (_greyRange is { } r && r.Step == step)
        {
            return (r.Low, r.High);
        }

        ArgumentNullException.ThrowIfNull(compute);
        var (low, high) = compute();
        _greyRange = new GreyRange(step, low, high);
        return (low, high);
    }

    private sealed record GreyRange(double Step, float Low, float High);

    /// <summary>The voxels, i fastest (shared, not copied).</summary>
    internal float[] Voxels => _data;

    /// <summary>The grid's shape.</summary>
    internal int[] Shape => [_ni, _nj, _nk];

    /// <summary>Voxel to world.</summary>
    public Affine Affine { get; }

    /// <summary>The smallest voxel edge in mm: the display grid step.</summary>
    public double MinVoxelSize
    {
        get
        {
            var (a, b, c) = Affine.ColumnNorms();
            return Math.Min(a, Math.Min(b, c));
        }
    }

    /// <summary>The value at a world position, or NaN outside the volume.</summary>
    public float Sample(double x, double y, double z)
    {
        var (fi, fj, fk) = _inverse.Apply(x, y, z);
        var i = (int)Math.Round(fi, MidpointRounding.AwayFromZero);
        var j = (int)Math.Round(fj, MidpointRounding.AwayFromZero);
        var k = (int)Math.Round(fk, MidpointRounding.AwayFromZero);
        if ((uint)i >= (uint)_ni || (uint)j >= (uint)_nj || (uint)k >= (uint)_nk)
        {
            return float.NaN;
        }

        return _data[i + (_ni * (j + ((long)_nj * k)))];
    }

    /// <summary>The world box covered by the voxels (centres ± half a voxel), per RAS axis.</summary>
    public (double Min, double Max)[] Bounds()
    {
        var lo = new[] { double.MaxValue, double.MaxValue, double.MaxValue };
        var hi = new[] { double.MinValue, double.MinValue, double.MinValue };
        foreach (var i in new[] { -0.5, _ni - 0.5 })
        {
            foreach (var j in new[] { -0.5, _nj - 0.5 })
            {
                foreach (var k in new[] { -0.5, _nk - 0.5 })
                {
                    var (x, y, z) = Affine.Apply(i, j, k);
                    double[] p = [x, y, z];
                    for (var a = 0; a < 3; a++)
                    {
                        lo[a] = Math.Min(lo[a], p[a]);
                        hi[a] = Math.Max(hi[a], p[a]);
                    }
                }
            }
        }

        return [(lo[0], hi[0]), (lo[1], hi[1]), (lo[2], hi[2])];
    }

    /// <summary>The smallest and largest finite values (0, 0 when there are none).</summary>
    public (float Min, float Max) Range()
    {
        var (lo, hi) = (float.PositiveInfinity, float.NegativeInfinity);
        foreach (var v in _data)
        {
            if (float.IsFinite(v))
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }

        return lo <= hi ? (lo, hi) : (0, 0);
    }

    /// <summary>
    /// The world extent along RAS axis <paramref name="axis"/> of the finite non-zero values, scanned on a world grid
    /// of <paramref name="step"/> mm; the whole box when every value is 0 or NaN.
    /// </summary>
    public (double Low, double High) NonZeroExtent(int axis, double step)
    {
        var b = Bounds();
        var (low, high) = (double.MaxValue, double.MinValue);
        for (var x = b[0].Min + (step / 2); x < b[0].Max; x += step)
        {
            for (var y = b[1].Min + (step / 2); y < b[1].Max; y += step)
            {
                for (var z = b[2].Min + (step / 2); z < b[2].Max; z += step)
                {
                    var v = Sample(x, y, z);
                    if (float.IsFinite(v) && v != 0)
                    {
                        var c = axis == 0 ? x : axis == 1 ? y : z;
                        low = Math.Min(low, c);
                        high = Math.Max(high, c);
                    }
                }
            }
        }

        return low <= high ? (low, high) : b[axis];
    }

    /// <summary>
    /// The largest |value| and its world position (the first in storage order; the centre and NaN when all are NaN):
    /// the default cut and colour-scale limit when none is given.
    /// </summary>
    public (WorldPoint Position, float AbsValue) Peak()
    {
        var best = -1L;
        var bestAbs = float.NaN;
        for (long n = 0; n < _data.Length; n++)
        {
            var a = MathF.Abs(_data[n]);
            if (a > bestAbs || (best < 0 && !float.IsNaN(a)))
            {
                bestAbs = a;
                best = n;
            }
        }

        var (x, y, z) = best < 0
            ? Affine.Apply((_ni - 1) / 2.0, (_nj - 1) / 2.0, (_nk - 1) / 2.0)
            : Affine.Apply(best % _ni, best / _ni % _nj, best / ((long)_ni * _nj));
        return (new WorldPoint(x, y, z), bestAbs);
    }
}
