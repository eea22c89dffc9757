using System.Collections.Immutable;
using System.Globalization;
using SeedCorr.Core.Geometry;

namespace SeedCorr.Core.Nifti;

/// <summary>
/// A NIfTI image: header, best affine and float32 voxel data in file order (i fastest, then j, k, t). Immutable; the data
/// is reached through methods (a volume, a voxel's time series, the whole array), never enumerated.
/// </summary>
public sealed class NiftiImage
{
    private readonly float[] _data;
    private readonly int[] _shape;

    /// <summary>Wraps data read from a file. The array is owned by the image from now on.</summary>
    internal NiftiImage(NiftiHeader header, float[] data, string? path)
    {
        Header = header;
        _data = data;
        _shape = header.Shape.Select(d => checked((int)d)).ToArray();
        Path = path;
        Affine = header.BestAffine;
        if (data.LongLength != header.VoxelCount)
        {
            throw new ArgumentException($"data has {data.LongLength} values but the shape {string.Join('x', _shape)} needs {header.VoxelCount}", nameof(data));
        }
    }

    /// <summary>
    /// Creates an image from data in file order (i fastest) with the given shape and affine. The header is built fresh
    /// (float32, mm and seconds, sform and qform from the affine, code 2 "aligned" unless <paramref name="template"/> gives
    /// codes), or derived from <paramref name="template"/> (intent, descrip, codes; its extensions are dropped, since
    /// they may describe the old data).
    /// </summary>
    public static NiftiImage Create(float[] data, IReadOnlyList<int> shape, Affine affine, double? repetitionTime = null, NiftiHeader? template = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new NiftiImage(CreateHeader(shape, affine, repetitionTime, template), data, null);
    }

    /// <summary>The header <see cref="Create"/> gives an image of this shape and affine (for an image written volume by volume).</summary>
    internal static NiftiHeader CreateHeader(IReadOnlyList<int> shape, Affine affine, double? repetitionTime = null, NiftiHeader? template = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(affine);
        if (shape.Count is < 1 or > 7 || shape.Any(d => d < 1))
        {
            throw new ArgumentException("shape needs 1 to 7 positive dimensions", nameof(shape));
        }

        if (!affine.IsFinite)
        {
            throw new ArgumentException("the affine has non-finite values", nameof(affine));
        }

        var dim = new long[8];
        dim[0] = shape.Count;
        for (var n = 1; n < 8; n++)
        {
            dim[n] = n <= shape.Count ? shape[n - 1] : 1;
        }

        var (zx, zy, zz) = affine.ColumnNorms();
        var pixdim = new double[] { 1, zx, zy, zz, repetitionTime ?? (template?.PixDim[4] ?? 1), 1, 1, 1 };
        var baseHeader = template is null
            ? new NiftiHeader { SformCode = 2, QformCode = 2 }
            : template with { Extensions = [], SclSlope = 1, SclInter = 0 };
        var codes = baseHeader.SformCode > 0 ? baseHeader.SformCode : baseHeader.QformCode > 0 ? baseHeader.QformCode : 2;
        return NiftiGeometryHeader.WithAffine(baseHeader with
        {
            Version = shape.Any(d => d > short.MaxValue) ? 2 : 1,
            Magic = shape.Any(d => d > short.MaxValue) ? "n+2" : "n+1",
            IsBigEndian = false,
            Dim = [.. dim],
            PixDim = [.. pixdim],
            DataType = NiftiDataType.Float32,
            BitPix = 32,
            XyztUnits = (baseHeader.XyztUnits & 0x07) == 0 || template is null
                ? (int)NiftiSpaceUnits.Millimeter | (int)NiftiTimeUnits.Second
                : baseHeader.XyztUnits,
        }, affine, codes);
    }

    /// <summary>The header as read (or as built by <see cref="Create"/>), extensions included.</summary>
    public NiftiHeader Header { get; }

    /// <summary>The file the image was read from (full path), or null for an image made in memory.</summary>
    public string? Path { get; }

    /// <summary>dim[1..dim[0]].</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Voxel size in mm: pixdim[1..3] (nibabel's zooms).</summary>
    public double[] VoxelSize => [Zoom(1), Rank >= 2 ? Zoom(2) : 1, Rank >= 3 ? Zoom(3) : 1];

    private double Zoom(int axis) => Header.Version == 1 ? NiftiHeader.ShortestFloat32(Header.PixDim[axis]) : Header.PixDim[axis];

    /// <summary>The voxel-to-world affine, as nibabel's <c>img.affine</c>.</summary>
    public Affine Affine { get; }

    /// <summary>Repetition time in seconds (from pixdim[4] and the time unit), null for 3D images or spectral units.</summary>
    public double? RepetitionTime => Header.RepetitionTime;

    /// <summary>The datatype stored in the file (the data in memory is float32).</summary>
    public NiftiDataType DataType => Header.DataType;

    /// <summary>Number of voxels in one 3D volume (dim1·dim2·dim3).</summary>
    public int VolumeSize => _shape.Take(3).Aggregate(1, (a, b) => checked(a * b));

    /// <summary>Number of 3D volumes (the product of dims 4 to 7; 1 for a 3D image).</summary>
    public int VolumeCount => _shape.Skip(3).Aggregate(1, (a, b) => checked(a * b));

    /// <summary>Total number of values.</summary>
    public long Length => _data.LongLength;

    /// <summary>The whole array, read-only, in file order (i fastest). No copy.</summary>
    public ReadOnlyMemory<float> Data => _data;

    /// <summary>A copy of the whole array in file order (i fastest).</summary>
    public float[] GetData() => (float[])_data.Clone();

    /// <summary>The image's own array, for Core code that has just made the image and hands it on (no copy).</summary>
    internal float[] OwnedData => _data;

    /// <summary>Volume <paramref name="t"/> (0-based) as a read-only span, i fastest. No copy.</summary>
    public ReadOnlySpan<float> GetVolumeSpan(int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(t, VolumeCount);
        return _data.AsSpan(t * VolumeSize, VolumeSize);
    }

    /// <summary>A copy of volume <paramref name="t"/> (0-based), i fastest.</summary>
    public float[] GetVolume(int t) => GetVolumeSpan(t).ToArray();

    /// <summary>The value at voxel (i, j, k) in volume t.</summary>
    public float GetValue(int i, int j, int k, int t = 0) => _data[((long)t * VolumeSize) + VoxelIndex(i, j, k)];

    /// <summary>The time series of voxel (i, j, k) across all volumes.</summary>
    public float[] GetTimeSeries(int i, int j, int k)
    {
        var v = VoxelIndex(i, j, k);
        var n = VolumeCount;
        var size = VolumeSize;
        var series = new float[n];
        for (var t = 0; t < n; t++)
        {
            series[t] = _data[((long)t * size) + v];
        }

        return series;
    }

    private int VoxelIndex(int i, int j, int k)
    {
        int nx = _shape[0], ny = Rank > 1 ? _shape[1] : 1, nz = Rank > 2 ? _shape[2] : 1;
        if ((uint)i >= (uint)nx || (uint)j >= (uint)ny || (uint)k >= (uint)nz)
        {
            throw new ArgumentOutOfRangeException(nameof(i), $"voxel ({i}, {j}, {k}) is outside the {nx}x{ny}x{nz} grid");
        }

        return i + (nx * (j + (ny * k)));
    }

    /// <summary>Short and culture-invariant: <c>NiftiImage 50x59x50x168 float32 4mm TR=2s</c>.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var vs = VoxelSize.Take(Math.Min(3, Rank)).ToArray();
        var size = vs.All(v => v == vs[0])
            ? vs[0].ToString("0.###", inv)
            : string.Join('x', vs.Select(v => v.ToString("0.###", inv)));
        // TR only for a time axis (a time unit set): a map's 4th axis holds seeds or statistics.
        var tr = RepetitionTime is { } r && Rank >= 4 && Header.TimeUnits != NiftiTimeUnits.Unknown ? $" TR={r.ToString("0.###", inv)}s" : string.Empty;
        return $"NiftiImage {string.Join('x', _shape)} {NiftiDataTypes.Name(DataType)} {size}mm{tr}";
    }
}
