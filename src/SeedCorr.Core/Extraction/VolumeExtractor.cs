namespace SeedCorr.Core.Extraction;

/// <summary>
/// A masker bound to one grid (<see cref="ISignalMasker.Bind"/>): the voxels it reads and the per-volume step that
/// writes its columns. Stateless once made, so one instance serves every thread of a pass.
/// </summary>
public abstract class VolumeExtractor
{
    private readonly int[] _voxels;

    /// <summary>Creates an extractor with <paramref name="columns"/> outputs reading the voxels at <paramref name="voxels"/>.</summary>
    protected VolumeExtractor(int columns, int[] voxels)
    {
        ArgumentNullException.ThrowIfNull(voxels);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        Columns = columns;
        _voxels = voxels;
    }

    /// <summary>Values written per volume (the columns of the signals).</summary>
    public int Columns { get; }

    /// <summary>
    /// The offsets (F order, i fastest, as in the file) of every voxel <see cref="Extract"/> reads: a smoothing pass
    /// computes the smoothed volume only around them.
    /// </summary>
    public ReadOnlySpan<int> Voxels => _voxels;

    /// <summary>
    /// Writes one volume's <see cref="Columns"/> values into <paramref name="row"/>. The volume is raw when the masker's
    /// <see cref="ISignalMasker.SmoothingFwhm"/> is null, otherwise finite and smoothed. Returns how many non-finite
    /// values it met (always 0 for a smoothed volume: the pass counts those it set to 0).
    /// </summary>
    public abstract int Extract(ReadOnlySpan<float> volume, Span<float> row);

    /// <summary>The warning for <paramref name="count"/> (&gt; 0) non-finite values met over a whole extraction.</summary>
    public abstract string NonFiniteWarning(int count);
}
