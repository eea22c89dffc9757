using SeedCorr.Core.Extraction;

namespace SeedCorr.Core.Masking;

/// <summary>
/// The per-volume step of the sphere and labels maskers: for each region, the plain mean of its raw values (a float64
/// sum over its voxels in nilearn's C order, divided by their number, rounded to float32), non-finite values counted
/// as 0 as nilearn does. The sum is scipy's ndimage.mean and nilearn's sphere mean to the bit.
/// </summary>
internal sealed class RegionMeans : VolumeExtractor
{
    private readonly int[][] _regions;
    private readonly string _where;

    /// <summary>One column per region; each region lists its voxels as F-order offsets in C order.</summary>
    public RegionMeans(int[][] regions, string where)
        : base(regions.Length, [.. regions.SelectMany(r => r)])
    {
        _regions = regions;
        _where = where;
    }

    /// <inheritdoc />
    public override int Extract(ReadOnlySpan<float> volume, Span<float> row)
    {
        var nonFinite = 0;
        for (var s = 0; s < _regions.Length; s++)
        {
            double sum = 0;
            foreach (var o in _regions[s])
            {
                var v = volume[o];
                if (float.IsFinite(v))
                {
                    sum += v;
                }
                else
                {
                    nonFinite++;
                }
            }

            row[s] = (float)(sum / _regions[s].Length);
        }

        return nonFinite;
    }

    /// <inheritdoc />
    public override string NonFiniteWarning(int count) =>
        $"{count} non-finite values (NaN or infinity) inside the {_where} were counted as 0, as nilearn does.";
}
