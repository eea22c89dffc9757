using SeedCorr.Core.Nifti;
using SeedCorr.Core.Extraction;
using SeedCorr.Core.Geometry;

namespace SeedCorr.Core.Masking;

/// <summary>
/// What one pass does to each volume for a list of bound maskers: the raw readers first (spheres, labels: they see
/// the values as stored), then, for each distinct smoothing, non-finite values to 0 (nilearn's ensure_finite), the
/// Gaussian once over the box of every voxel its maskers read, and their gathers from the smoothed volume. The
/// streaming pass and the in-memory transforms both run it, so they give the same bits; a smoothed voxel's value does
/// not depend on the box it was computed in, so a masker's columns are the same alone or with others.
/// </summary>
internal sealed class ExtractionPlan
{
    private readonly VolumeExtractor[] _extractors;
    private readonly int[] _raw;
    private readonly Smoothing[] _smoothings;
    private readonly IReadOnlyList<int> _shape;
    private readonly int[] _nonFinite;

    private sealed record Smoothing(double[]?[] Kernels, int[] Members, int[] Voxels);

    /// <summary>
    /// A plan for <paramref name="items"/> (a bound masker and its smoothing FWHM, or null for the raw volume) on a grid,
    /// with T × columns rows for each (the caller checks the size beforehand). <paramref name="spaceUnits"/> is the
    /// header's spatial unit: a FWHM in mm is converted to the affine's unit (metres, microns) as whole-image smoothing does.
    /// </summary>
    public ExtractionPlan(IReadOnlyList<(VolumeExtractor Extractor, IReadOnlyList<double>? Fwhm)> items, IReadOnlyList<int> shape, Affine affine, int volumes, NiftiSpaceUnits spaceUnits = NiftiSpaceUnits.Millimeter)
    {
        _extractors = items.Select(i => i.Extractor).ToArray();
        _shape = [shape[0], shape[1], shape[2]];
        _nonFinite = new int[_extractors.Length];
        _raw = Enumerable.Range(0, items.Count).Where(i => items[i].Fwhm is null).ToArray();
        _smoothings = Enumerable.Range(0, items.Count)
            .Where(i => items[i].Fwhm is not null)
            .GroupBy(i => string.Join(' ', items[i].Fwhm!), StringComparer.Ordinal)
            .Select(g =>
            {
                var members = g.ToArray();
                var kernels = GaussianSmoothing.Sigmas(affine, items[members[0]].Fwhm!, GaussianSmoothing.MillimetresPerUnit(spaceUnits)).Select(s => s > 0 ? GaussianSmoothing.Kernel(s) : null).ToArray();
                return new Smoothing(kernels, members, [.. members.SelectMany(m => _extractors[m].Voxels.ToArray())]);
            })
            .ToArray();
        Rows = _extractors.Select(e => new float[(long)e.Columns * volumes]).ToArray();
    }

    /// <summary>The bound maskers, in the order given.</summary>
    public IReadOnlyList<VolumeExtractor> Extractors => _extractors;

    /// <summary>For each masker, its T × columns values (time-major), filled by <see cref="Process"/>.</summary>
    public float[][] Rows { get; }

    /// <summary>For each masker, the non-finite values it met so far.</summary>
    public int NonFinite(int index) => Volatile.Read(ref _nonFinite[index]);

    /// <summary>The warning of one masker over the whole extraction, or null when it met no non-finite value.</summary>
    public string? Warning(int index) => NonFinite(index) > 0 ? _extractors[index].NonFiniteWarning(NonFinite(index)) : null;

    /// <summary>The warnings of the whole extraction, in masker order.</summary>
    public IEnumerable<string> Warnings() => Enumerable.Range(0, _extractors.Length).Select(Warning).OfType<string>();

    /// <summary>Per-thread state: a smoother and a work copy of the volume for each smoothing.</summary>
    public Worker CreateWorker() => new(this);

    /// <summary>Extracts volume <paramref name="t"/>; <paramref name="volume"/> is a work buffer from now on.</summary>
    public void Process(Worker worker, int t, float[] volume)
    {
        ArgumentNullException.ThrowIfNull(worker);
        foreach (var m in _raw)
        {
            Count(m, _extractors[m].Extract(volume, RowOf(m, t)));
        }

        for (var g = 0; g < _smoothings.Length; g++)
        {
            var smoothing = _smoothings[g];
            // The last smoothing may use the volume itself; earlier ones work on a copy.
            var buffer = g == _smoothings.Length - 1 ? volume : worker.Copy(g, volume);
            var bad = NonFiniteValues.Zero(buffer);
            var smoothed = worker.Smoother(g)?.Smooth(buffer) ?? buffer;
            foreach (var m in smoothing.Members)
            {
                Count(m, bad + _extractors[m].Extract(smoothed, RowOf(m, t)));
            }
        }
    }

    private Span<float> RowOf(int m, int t)
    {
        var columns = _extractors[m].Columns;
        return Rows[m].AsSpan((int)((long)t * columns), columns);
    }

    private void Count(int m, int bad)
    {
        if (bad > 0)
        {
            Interlocked.Add(ref _nonFinite[m], bad);
        }
    }

    /// <summary>One thread's buffers for a plan.</summary>
    internal sealed class Worker
    {
        private readonly RegionSmoother?[] _smoothers;
        private readonly float[]?[] _copies;

        public Worker(ExtractionPlan plan)
        {
            _smoothers = plan._smoothings.Select(s => s.Kernels.All(k => k is null) ? null : new RegionSmoother(plan._shape, s.Kernels, s.Voxels)).ToArray();
            _copies = new float[]?[plan._smoothings.Length];
        }

        public RegionSmoother? Smoother(int g) => _smoothers[g];

        public float[] Copy(int g, float[] volume)
        {
            var copy = _copies[g] ??= new float[volume.Length];
            volume.CopyTo(copy, 0);
            return copy;
        }
    }
}
