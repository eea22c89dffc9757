namespace SeedCorr.Core.Seeds;

/// <summary>
/// Which label each voxel of a grid belongs to, prepared once per run for <see cref="LabelsExtraction"/>: the labels
/// present (ascending, background removed, nilearn's <c>np.unique</c> order), the column of each voxel (−1 for
/// background) and each label's voxel count.
/// </summary>
public sealed class LabelColumns
{
    private readonly int[] _columnOfVoxel;
    private readonly int[] _counts;

    /// <summary>Builds the map from labels in NIfTI voxel order.</summary>
    public LabelColumns(ReadOnlySpan<int> labels, int background = 0)
    {
        var present = new SortedSet<int>();
        foreach (var v in labels)
        {
            if (v != background)
            {
                present.Add(v);
            }
        }

        Labels = [.. present];
        var column = new Dictionary<int, int>(Labels.Count);
        for (var n = 0; n < Labels.Count; n++)
        {
            column[Labels[n]] = n;
        }

        _columnOfVoxel = new int[labels.Length];
        _counts = new int[Labels.Count];
        for (var n = 0; n < labels.Length; n++)
        {
            var c = labels[n] == background ? -1 : column[labels[n]];
            _columnOfVoxel[n] = c;
            if (c >= 0)
            {
                _counts[c]++;
            }
        }
    }

    /// <summary>The labels, ascending: column n of the extracted signals is label Labels[n].</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>Voxels per label, by column.</summary>
    public IReadOnlyList<int> Counts => _counts;

    /// <summary>Number of voxels of the grid.</summary>
    public int VoxelCount => _columnOfVoxel.Length;

    /// <summary>The column of each voxel, −1 for background.</summary>
    public ReadOnlySpan<int> ColumnOfVoxel => _columnOfVoxel;
}

/// <summary>
/// nilearn's NiftiLabelsMasker signal with <c>strategy="mean"</c> (<c>scipy.ndimage.mean(volume, labels, index)</c>
/// per volume): the plain mean of each label's voxels, background excluded, with non-finite voxel values counted as 0
/// (nilearn's <c>safe_get_data(ensure_finite=True)</c>). Sums are accumulated in float64, as scipy does.
/// Pure functions over one 3D volume, so that any reader (a whole image, a stream of volumes) can call them.
/// </summary>
public static class LabelsExtraction
{
    /// <summary>Adds one volume's values to per-label sums (<paramref name="sums"/> has one entry per label column).</summary>
    public static void Accumulate(ReadOnlySpan<float> volume, LabelColumns columns, Span<double> sums)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Check(volume.Length, columns, sums.Length);
        var map = columns.ColumnOfVoxel;
        for (var n = 0; n < volume.Length; n++)
        {
            var c = map[n];
            if (c >= 0)
            {
                var v = volume[n];
                if (float.IsFinite(v))
                {
                    sums[c] += v;
                }
            }
        }
    }

    /// <summary>The mean of each label over one volume, written to <paramref name="means"/>.</summary>
    public static void Mean(ReadOnlySpan<float> volume, LabelColumns columns, Span<double> means)
    {
        ArgumentNullException.ThrowIfNull(columns);
        means.Clear();
        Accumulate(volume, columns, means);
        for (var c = 0; c < means.Length; c++)
        {
            means[c] /= columns.Counts[c];
        }
    }

    /// <summary>
    /// The label means of every volume of a 4D image whose grid the labels are on: time-major, T × labels.
    /// </summary>
    public static double[] Means(Nifti.NiftiImage image, LabelColumns columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(columns);
        var labels = columns.Labels.Count;
        var result = new double[image.VolumeCount * labels];
        for (var t = 0; t < image.VolumeCount; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Mean(image.GetVolumeSpan(t), columns, result.AsSpan(t * labels, labels));
        }

        return result;
    }

    private static void Check(int voxels, LabelColumns columns, int outputs)
    {
        if (voxels != columns.VoxelCount)
        {
            throw new SeedException(SeedErrorKind.InvalidParameter, $"a volume of {voxels} voxels does not match the labels grid of {columns.VoxelCount} voxels");
        }

        if (outputs != columns.Labels.Count)
        {
            throw new SeedException(SeedErrorKind.InvalidParameter, $"{outputs} outputs for {columns.Labels.Count} labels");
        }
    }
}
