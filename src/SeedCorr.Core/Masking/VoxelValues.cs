using SeedCorr.Core.Extraction;

namespace SeedCorr.Core.Masking;

/// <summary>
/// The brain masker's per-volume step: the value of each kept voxel, one column each (nilearn's NiftiMasker). Reading
/// a raw volume, non-finite values become 0 (nilearn's ensure_finite) and every one in the volume is counted, as
/// nilearn warns about the image; a smoothed volume is already finite.
/// </summary>
internal sealed class VoxelValues : VolumeExtractor
{
    private readonly int[] _offsets;
    private readonly bool _smoothed;

    /// <summary>Reads the voxels at <paramref name="offsets"/> (F-order offsets, listed in column order).</summary>
    public VoxelValues(int[] offsets, bool smoothed)
        : base(offsets.Length, offsets)
    {
        _offsets = offsets;
        _smoothed = smoothed;
    }

    /// <inheritdoc />
    public override int Extract(ReadOnlySpan<float> volume, Span<float> row)
    {
        if (_smoothed)
        {
            for (var c = 0; c < _offsets.Length; c++)
            {
                row[c] = volume[_offsets[c]];
            }

            return 0;
        }

        for (var c = 0; c < _offsets.Length; c++)
        {
            var v = volume[_offsets[c]];
            row[c] = float.IsFinite(v) ? v : 0;
        }

        return NonFiniteValues.Count(volume);
    }

    /// <inheritdoc />
    public override string NonFiniteWarning(int count) =>
        $"{count} non-finite values (NaN or infinity) in the image were set to 0 before {(_smoothed ? "smoothing" : "masking")}, as nilearn does.";
}
