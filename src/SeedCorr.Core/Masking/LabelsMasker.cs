using System.Globalization;
using SeedCorr.Core.Extraction;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Masking;

/// <summary>
/// nilearn's NiftiLabelsMasker on a labels volume already on the run's grid (no resampling here): one column per
/// label, the plain mean of the raw values of its voxels at each time point (scipy's ndimage.mean: a float64 sum in
/// C order, divided by the count, rounded to float32), non-finite values counted as 0 as nilearn's ensure_finite
/// does. Label 0 is the background. Values go back onto the labels' grid, each label's voxels taking its value.
/// </summary>
public sealed class LabelsMasker : SignalMasker
{
    private readonly int[] _shape;
    private readonly int[][] _regions; // per label, F-order offsets in C order

    /// <summary>
    /// Creates a masker from an integer labels volume (F order, i fastest, as in a NIfTI file) of shape
    /// <paramref name="shape"/> and grid <paramref name="affine"/>. <paramref name="labels"/> chooses the labels and
    /// the column order (default: every non-zero label present, ascending, as nilearn); <paramref name="names"/>
    /// names them (one per label).
    /// </summary>
    public LabelsMasker(int[] labelVolume, IReadOnlyList<int> shape, Affine affine, IReadOnlyList<int>? labels = null, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(labelVolume);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(affine);
        if (shape.Count < 3 || shape.Skip(3).Any(d => d != 1) || shape.Take(3).Any(d => d < 1))
        {
            throw new MaskingException(MaskingErrorKind.WrongDimensions, $"a labels image must be 3D, not {string.Join('x', shape)}");
        }

        int nx = shape[0], ny = shape[1], nz = shape[2];
        if (labelVolume.LongLength != (long)nx * ny * nz)
        {
            throw new MaskingException(MaskingErrorKind.InvalidParameter, $"{labelVolume.LongLength} labels do not fill a {nx}x{ny}x{nz} volume");
        }

        var chosen = labels?.ToArray() ?? labelVolume.Where(l => l != 0).Distinct().Order().ToArray();
        if (chosen.Length == 0)
        {
            throw new MaskingException(MaskingErrorKind.EmptyMask, "the labels image holds no label (every voxel is background, 0)");
        }

        if (chosen.Contains(0) || chosen.Distinct().Count() != chosen.Length)
        {
            throw new MaskingException(MaskingErrorKind.InvalidParameter, "the labels to extract must be distinct and non-zero (0 is the background)");
        }

        if (names is not null && names.Count != chosen.Length)
        {
            throw new MaskingException(MaskingErrorKind.InvalidParameter, $"{names.Count} names for {chosen.Length} labels: give one name per label");
        }

        var column = new Dictionary<int, int>();
        for (var c = 0; c < chosen.Length; c++)
        {
            column[chosen[c]] = c;
        }

        var regions = chosen.Select(_ => new List<int>()).ToArray();
        // C order (i slowest, k fastest): the order in which scipy's bincount sums a region.
        for (var i = 0; i < nx; i++)
        {
            for (var j = 0; j < ny; j++)
            {
                for (var k = 0; k < nz; k++)
                {
                    var f = i + (nx * (j + (ny * k)));
                    if (column.TryGetValue(labelVolume[f], out var c))
                    {
                        regions[c].Add(f);
                    }
                }
            }
        }

        for (var c = 0; c < chosen.Length; c++)
        {
            if (regions[c].Count == 0)
            {
                throw new MaskingException(MaskingErrorKind.EmptyMask,
                    $"label {chosen[c]}{(names is null ? string.Empty : $" ({names[c]})")} has no voxel in the labels image");
            }
        }

        _shape = [nx, ny, nz];
        _regions = regions.Select(r => r.ToArray()).ToArray();
        Affine = affine;
        Labels = chosen;
        Names = names?.ToArray();
    }

    /// <summary>A masker from a labels image on the run's grid (values must be whole numbers; 0 is the background).</summary>
    public static LabelsMasker FromImage(NiftiImage labelsImage, IReadOnlyList<int>? labels = null, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(labelsImage);
        if (labelsImage.Rank < 3 || labelsImage.VolumeCount != 1)
        {
            throw new MaskingException(MaskingErrorKind.WrongDimensions, $"a labels image must be 3D, not {string.Join('x', labelsImage.Shape)}");
        }

        var data = labelsImage.Data.Span;
        var volume = new int[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            var v = data[i];
            if (!float.IsFinite(v) || v != MathF.Round(v) || Math.Abs(v) > 1 << 24)
            {
                throw new MaskingException(MaskingErrorKind.LabelsNotInteger,
                    $"the labels image {labelsImage.Path ?? "(in memory)"} holds {v.ToString(CultureInfo.InvariantCulture)}, not a whole-number label");
            }

            volume[i] = (int)v;
        }

        return new LabelsMasker(volume, labelsImage.Shape.Take(3).ToArray(), labelsImage.Affine, labels, names);
    }

    /// <summary>The label of each column.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>The name of each column's label, when given.</summary>
    public IReadOnlyList<string>? Names { get; }

    /// <summary>The labels' grid.</summary>
    public Affine Affine { get; }

    /// <summary>The labels volume's shape (X, Y, Z).</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>The number of voxels of each column's label.</summary>
    public IReadOnlyList<int> VoxelCounts => _regions.Select(r => r.Length).ToArray();

    /// <inheritdoc />
    public override string Description =>
        $"LabelsMasker {Labels.Count} label{(Labels.Count == 1 ? string.Empty : "s")}, {_regions.Sum(r => r.Length)} voxels";

    /// <summary>The mean of each label's raw values, one column per label.</summary>
    public override VolumeExtractor Bind(IReadOnlyList<int> shape, Affine affine)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(affine);
        MaskGrid.Check(_shape, Affine, shape, affine, "the labels image");
        return new RegionMeans(_regions, "labels");
    }

    /// <summary>Each label's voxels take its column's value (nilearn's signals_to_img_labels); 0 elsewhere.</summary>
    public override NiftiImage InverseTransform(ReadOnlySpan<float> values, int rows, bool as3D = false)
    {
        if (values.Length != (long)rows * _regions.Length)
        {
            throw new MaskingException(MaskingErrorKind.GridMismatch, $"{values.Length} values do not fill {rows} × {_regions.Length} labels");
        }

        var n = _shape[0] * _shape[1] * _shape[2];
        var data = new float[(long)n * rows];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < _regions.Length; c++)
            {
                var v = values[(r * _regions.Length) + c];
                foreach (var o in _regions[c])
                {
                    data[((long)r * n) + o] = v;
                }
            }
        }

        int[] shape = as3D && rows == 1 ? [.. _shape] : [.. _shape, rows];
        return NiftiImage.Create(data, shape, Affine);
    }
}
