using System.Globalization;
using SeedCorr.Core.Extraction;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Nifti;

namespace SeedCorr.Core.Connectivity;

/// <summary>How a seed is correlated with each voxel.</summary>
public enum CorrelationMethod
{
    /// <summary>Pearson's r, computed exactly (centred and normalised whatever the inputs' scaling).</summary>
    Pearson,
    /// <summary>Spearman's rho: Pearson's r of the ranks (ties get their average rank).</summary>
    Spearman,
}

/// <summary>
/// Seed-to-voxel correlations: one map (a value per brain voxel) for each seed, with the masker that turns a map back
/// into an image, the number of time points and the degrees of freedom left by cleaning.
/// </summary>
public sealed class CorrelationMap
{
    private readonly float[] _r; // seeds × voxels, row-major

    /// <summary>Creates a map; <paramref name="r"/> is seeds × voxels, row-major, owned by the map.</summary>
    public CorrelationMap(float[] r, int seeds, int voxels, ISignalMasker? masker, CorrelationMethod method, int timepoints, double? degreesOfFreedom)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Length != (long)seeds * voxels)
        {
            throw new ArgumentException($"{r.Length} values do not fill {seeds} × {voxels}", nameof(r));
        }

        _r = r;
        Seeds = seeds;
        Voxels = voxels;
        Masker = masker;
        Method = method;
        Timepoints = timepoints;
        DegreesOfFreedom = degreesOfFreedom;
    }

    /// <summary>Number of seeds (maps).</summary>
    public int Seeds { get; }

    /// <summary>Where the seeds are in world mm, when they came from a sphere masker (plots cut and mark there).</summary>
    public IReadOnlyList<WorldPoint>? SeedPositions { get; init; }

    /// <summary>Number of voxels per map.</summary>
    public int Voxels { get; }

    /// <summary>The brain masker the voxels came from (null when the signals had none).</summary>
    public ISignalMasker? Masker { get; }

    /// <summary>Pearson or Spearman.</summary>
    public CorrelationMethod Method { get; }

    /// <summary>Time points the correlations were computed over.</summary>
    public int Timepoints { get; }

    /// <summary>Degrees of freedom left by cleaning (the smaller of brain and seed), when known.</summary>
    public double? DegreesOfFreedom { get; }

    /// <summary>The shape as nilearn prints the correlation array: (voxels, seeds).</summary>
    public string Shape => $"({Voxels}, {Seeds})";

    /// <summary>The smallest r over all maps.</summary>
    public float Min => _r.Min();

    /// <summary>The largest r over all maps.</summary>
    public float Max => _r.Max();

    /// <summary>A copy of the r values of one seed's map, one per voxel.</summary>
    public float[] GetCorrelations(int seed = 0) => _r.AsSpan(seed * Voxels, Voxels).ToArray();

    /// <summary>Fisher's z = artanh(r) of one seed's map, with |r| clamped to <see cref="FisherZ.MaxAbsR"/>.</summary>
    public float[] GetFisherZ(int seed = 0) => FisherZ.Transform(_r.AsSpan(seed * Voxels, Voxels));

    /// <summary>
    /// The maps as an image on the brain masker's grid: 4D with one volume per seed (nilearn's inverse_transform of a
    /// (seeds, voxels) array gives (X, Y, Z, seeds)); intent CORREL with the degrees of freedom in p1, or for Fisher z
    /// intent ESTIMATE named "fisher_z".
    /// </summary>
    public NiftiImage ToImage(bool fisherZ = false)
    {
        var values = fisherZ ? FisherZ.Transform(_r) : _r;
        return WithIntent(GridMasker().InverseTransform(values, Seeds), fisherZ);
    }

    /// <summary>One seed's map as a 3D image on the brain masker's grid, with the intent of <see cref="ToImage(bool)"/>.</summary>
    public NiftiImage ToImage(int seed, bool fisherZ)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(seed, Seeds);
        var values = fisherZ ? GetFisherZ(seed) : GetCorrelations(seed);
        return WithIntent(GridMasker().InverseTransform(values, 1, as3D: true), fisherZ);
    }

    /// <summary>
    /// The maps of <see cref="ToImage(bool)"/> as an image made while <see cref="NiftiWriter"/> writes it: the same file,
    /// without the grid-sized array (59 MB for 100 seeds on a 4 mm grid); each block of volumes is filled on all cores.
    /// Null when the masker is not a brain masker (write <see cref="ToImage(bool)"/> then).
    /// </summary>
    public StreamedImage? ToStreamedImage(bool fisherZ = false)
    {
        if (GridMasker() is not BrainMasker brain)
        {
            return null;
        }

        var s = brain.Mask.Shape;
        var header = NiftiImage.CreateHeader([s[0], s[1], s[2], Seeds], brain.Mask.Affine, null, brain.Mask.Header with { IntentCode = 0, IntentName = string.Empty });
        var offsets = brain.OffsetArray;
        var r = _r;
        var voxels = Voxels;
        return new StreamedImage(IntentHeader(header, fisherZ), (first, destination) =>
        {
            var n = brain.Mask.VolumeSize;
            var count = destination.Length / n;
            FillVolumes(r, voxels, offsets, n, first, count, destination, fisherZ);
        });
    }

    // Zeros, then each seed's values at its mask voxels (FisherZ.Of for Fisher z, as FisherZ.Transform).
    private static void FillVolumes(float[] r, int voxels, int[] offsets, int n, int first, int count, Span<float> destination, bool fisherZ)
    {
        destination.Clear();
        unsafe
        {
            fixed (float* d = destination)
            {
                var dest = d;
                Parallel.For(0, count, v =>
                {
                    var row = r.AsSpan((first + v) * voxels, voxels);
                    var volume = new Span<float>(dest + ((long)v * n), n);
                    for (var c = 0; c < row.Length; c++)
                    {
                        volume[offsets[c]] = fisherZ ? FisherZ.Of(row[c]) : row[c];
                    }
                });
            }
        }
    }

    private ISignalMasker GridMasker() =>
        Masker ?? throw new InvalidOperationException("these correlations did not come from a masker, so there is no grid to put them on");

    private NiftiImage WithIntent(NiftiImage image, bool fisherZ)
    {
        // The image was made just now by InverseTransform: its array is handed on, not copied (60 MB for 100 seeds).
        return NiftiImage.Create(image.OwnedData, image.Shape, image.Affine, null, IntentHeader(image.Header, fisherZ));
    }

    private NiftiHeader IntentHeader(NiftiHeader grid, bool fisherZ)
    {
        var dof = DegreesOfFreedom is { } d ? Math.Round(d, 1) : Timepoints - 2;
        var pixdim = grid.PixDim.ToBuilder();
        pixdim[4] = 1; // a map has no time axis: the 4th axis, if any, holds seeds

        return grid with
        {
            PixDim = pixdim.ToImmutable(),
            XyztUnits = (int)NiftiSpaceUnits.Millimeter,
            IntentCode = fisherZ ? FisherZ.IntentEstimate : FisherZ.IntentCorrel,
            IntentParameters = fisherZ ? [0, 0, 0] : [dof, 0, 0],
            IntentName = fisherZ ? "fisher_z" : "pearson_r",
            DescripBytes = [.. System.Text.Encoding.ASCII.GetBytes(fisherZ
                ? $"Fisher z of seed correlation, |r| clamped at {FisherZ.MaxAbsR.ToString(CultureInfo.InvariantCulture)}"
                : $"{Method} r of seed correlation, dof {dof.ToString(CultureInfo.InvariantCulture)}")],
        };
    }

    /// <summary>Short and invariant: <c>CorrelationMap (32706, 1) Pearson min=-0.619 max=0.952</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"CorrelationMap {Shape} {Method} min={Min:0.###} max={Max:0.###}");
}
