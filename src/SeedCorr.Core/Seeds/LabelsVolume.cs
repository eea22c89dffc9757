using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Seeds;

/// <summary>
/// An integer labels volume on a grid: values in NIfTI order (i fastest: i + nx·(j + ny·k), as NiftiImage stores a
/// volume), 0 is background.
/// </summary>
public sealed class LabelsVolume
{
    private readonly int[] _values;

    /// <summary>Creates a volume; <paramref name="values"/> is kept, not copied.</summary>
    public LabelsVolume(int[] values, IReadOnlyList<int> shape, Affine affine)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(affine);
        if (shape.Count != 3 || shape.Any(d => d < 1) || (long)shape[0] * shape[1] * shape[2] != values.Length)
        {
            throw new SeedException(SeedErrorKind.InvalidAtlas, $"a labels volume needs a 3D shape that matches its {values.Length} values, not ({string.Join(", ", shape)})");
        }

        _values = values;
        Shape = [.. shape];
        Affine = affine;
    }

    /// <summary>(nx, ny, nz).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Voxel-to-world affine.</summary>
    public Affine Affine { get; }

    /// <summary>The labels, NIfTI order.</summary>
    public ReadOnlySpan<int> Values => _values;

    /// <summary>
    /// The labels of a 3D image (or a 4D image with one volume). Values must be finite whole numbers: a labels image
    /// with fractions or NaN is a probabilistic map or a damaged file, and nearest-neighbour resampling would keep
    /// its nonsense.
    /// </summary>
    public static LabelsVolume FromImage(NiftiImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var shape = image.Shape;
        if (shape.Length < 3 || image.VolumeCount != 1)
        {
            throw new SeedException(SeedErrorKind.InvalidAtlas,
                $"the labels image {image.Path ?? "(in memory)"} has shape ({string.Join(", ", shape)}); it must be one 3D volume of integer labels (a 4D probabilistic atlas is not a labels image)");
        }

        var data = image.GetVolumeSpan(0);
        var values = new int[data.Length];
        for (var n = 0; n < data.Length; n++)
        {
            var v = data[n];
            if (!float.IsFinite(v) || v != MathF.Round(v) || v < int.MinValue || v > int.MaxValue)
            {
                throw new SeedException(SeedErrorKind.LabelsNotInteger,
                    $"the labels image {image.Path ?? "(in memory)"} has the value {v} at voxel {n}: labels must be whole numbers (0 = background)");
            }

            values[n] = (int)v;
        }

        return new LabelsVolume(values, shape.Take(3).ToArray(), image.Affine);
    }

    /// <summary>The voxel count of each label other than <paramref name="background"/>, by label, ascending.</summary>
    public SortedDictionary<int, int> CountVoxels(int background = 0)
    {
        var counts = new SortedDictionary<int, int>();
        foreach (var v in _values)
        {
            if (v != background)
            {
                counts[v] = counts.TryGetValue(v, out var c) ? c + 1 : 1;
            }
        }

        return counts;
    }
}
