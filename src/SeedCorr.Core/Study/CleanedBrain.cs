using SeedCorr.Core.Bids;
using SeedCorr.Core.Connectivity;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Masking;
using SeedCorr.Core.Seeds;
using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Study;

/// <summary>
/// A run's brain kept in memory after its seed-to-voxel job (AFNI InstaCorr's idea): the cleaned, smoothed brain
/// matrix and the raw (unsmoothed) values of the same voxels, with the cleaning that was applied. A new sphere seed
/// then costs a gather of its voxels' raw values, the cleaning of one series and one pass of correlations over the
/// brain — no read of the BOLD file — and gives the map the full job would give, to the bit. A sphere that reaches
/// beyond the brain mask (whose raw values are not kept) is read from the BOLD file instead, in one unsmoothed pass
/// for all such seeds of a call; the brain is not extracted or cleaned again.
/// </summary>
public sealed class CleanedBrain
{
    private readonly float[] _raw; // T (all volumes) × voxels, unsmoothed, in the brain masker's column order
    private readonly Dictionary<int, int> _columnOfOffset;
    private readonly int _volumes;
    private readonly int[] _shape;
    private readonly Affine _affine;
    private readonly SignalCleanOptions _clean;

    internal CleanedBrain(FmriprepRun run, SignalMatrix cleaned, BrainMasker unsmoothed, SignalMatrix raw, SignalCleanOptions clean, IReadOnlyList<int> shape, Affine affine)
    {
        Run = run;
        Signals = cleaned;
        _raw = raw.Data;
        _volumes = raw.Timepoints;
        _columnOfOffset = new Dictionary<int, int>(unsmoothed.OffsetArray.Length);
        for (var c = 0; c < unsmoothed.OffsetArray.Length; c++)
        {
            _columnOfOffset[unsmoothed.OffsetArray[c]] = c;
        }

        _clean = clean with { Progress = null };
        _shape = [.. shape.Take(3)];
        _affine = affine;
    }

    /// <summary>The run.</summary>
    public FmriprepRun Run { get; }

    /// <summary>The cleaned brain signals (kept volumes × brain voxels), with their brain masker: Get-SeedCorrelation's -BrainSignals.</summary>
    public SignalMatrix Signals { get; }

    /// <summary>How many times <see cref="Correlate"/> had to read the BOLD file (spheres reaching beyond the mask).</summary>
    public int FileReads { get; private set; }

    /// <summary>Bytes held (both matrices).</summary>
    public long Bytes => ((long)_raw.Length + Signals.Data.LongLength) * sizeof(float);

    /// <summary>The maps of new sphere seeds on this run, without reading its BOLD file.</summary>
    public CorrelationMap Correlate(IReadOnlyList<SphereSeed> seeds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0)
        {
            throw new StudyException(StudyErrorKind.InvalidParameter, "give at least one sphere seed");
        }

        var k = seeds.Count;
        var v = _columnOfOffset.Count;
        var series = new float[(long)_volumes * k];
        var outside = new List<int>();
        for (var s = 0; s < k; s++)
        {
            var seed = seeds[s];
            // The same voxels, in the same order, as the streaming pass's sphere masker: the same float64 sums.
            var offsets = new SphereMasker([seed.Center], seed.Radius, allowOverlap: true).FileOffsets(_shape, _affine)[0];
            var columns = new int[offsets.Length];
            var inside = true;
            for (var i = 0; i < offsets.Length && inside; i++)
            {
                inside = _columnOfOffset.TryGetValue(offsets[i], out columns[i]);
            }

            if (!inside)
            {
                outside.Add(s);
                continue;
            }

            for (var t = 0; t < _volumes; t++)
            {
                var row = _raw.AsSpan((int)((long)t * v), v);
                double sum = 0;
                foreach (var c in columns)
                {
                    // The brain masker read non-finite raw values as 0; the sphere masker leaves them out of the sum: both add nothing.
                    sum += row[c];
                }

                series[((long)t * k) + s] = (float)(sum / columns.Length);
            }
        }

        if (outside.Count > 0)
        {
            ReadFromFile(seeds, outside, series, k, cancellationToken);
        }

        var seedSignals = new SignalMatrix(_volumes, k, series) { RepetitionTime = _clean.RepetitionTime };
        var cleaned = SignalCleaner.CleanInPlace(seedSignals, _clean, cancellationToken);
        return SeedCorrelation.Compute(Signals, cleaned.Signals, CorrelationMethod.Pearson, cancellationToken);
    }

    /// <summary>The raw series of the seeds at <paramref name="which"/> from one pass over the BOLD file (one sphere masker per seed: each is its own analysis).</summary>
    private void ReadFromFile(IReadOnlyList<SphereSeed> seeds, List<int> which, float[] series, int k, CancellationToken ct)
    {
        var maskers = which.Select(i => (Extraction.ISignalMasker)new SphereMasker([seeds[i].Center], seeds[i].Radius, allowOverlap: true)).ToList();
        var extraction = StreamingExtraction.Run(Run.BoldPath, new StreamingExtractionOptions { Maskers = maskers }, null, ct);
        FileReads++;
        for (var j = 0; j < which.Count; j++)
        {
            var column = extraction.SignalsOf(maskers[j]).Data;
            for (var t = 0; t < _volumes; t++)
            {
                series[((long)t * k) + which[j]] = column[t];
            }
        }
    }

    /// <summary>"CleanedBrain sub-01_task-rest (80, 4060)".</summary>
    public override string ToString() => $"CleanedBrain {Run.SourceEntities} {Signals.Shape}";
}
