using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Masking;

/// <summary>
/// The sphere and brain maskers of the seed example in one streaming pass over a NIfTI file, without ever holding the
/// 4D image: one thread decompresses and converts volumes (and sums the temporal mean, in time order, as
/// <see cref="MaskComputation.MeanImage"/> does), while the others take each finished volume, average the seed spheres
/// from its raw values, smooth it and keep its brain voxels in a time-major float32 matrix. Results are the in-memory
/// maskers' to the bit: the same per-volume code runs on the same values.
/// <para>
/// A fitted mask depends on the mean of all volumes, so it is known only at the end. The pass keeps the candidates:
/// the voxels that differ, in the first volume, from that volume's background (the border median, as the background
/// strategy does). With a zero background (images resampled to a template) the mask is exactly those voxels. If the
/// fitted mask holds a voxel outside the candidates, the file is read a second time for the final mask.
/// </para>
/// </summary>
public sealed class StreamingExtraction
{
    private StreamingExtraction(NiftiHeader header, BrainMasker brain, SignalMatrix brainSignals, SignalMatrix? seeds, NiftiImage mean, IReadOnlyList<string> warnings, int passes, TimeSpan reading, int helped)
    {
        ReadingTime = reading;
        VolumesProcessedByReader = helped;
        Header = header;
        BrainMasker = brain;
        BrainSignals = brainSignals;
        SeedSignals = seeds;
        MeanImage = mean;
        Warnings = warnings;
        Passes = passes;
    }

    /// <summary>The file's header.</summary>
    public NiftiHeader Header { get; }

    /// <summary>The brain masker (the given one, or the fitted one with its mask).</summary>
    public BrainMasker BrainMasker { get; }

    /// <summary>The masked, smoothed brain signals (T × voxels, C order), as <see cref="BrainMasker.Transform"/> gives.</summary>
    public SignalMatrix BrainSignals { get; }

    /// <summary>The seed spheres' mean signals (T × seeds), or null without spheres.</summary>
    public SignalMatrix? SeedSignals { get; }

    /// <summary>The temporal mean image (a background for plots; what a fitted mask was computed from).</summary>
    public NiftiImage MeanImage { get; }

    /// <summary>What the maskers warned about (non-finite values).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>How many times the file was read: 1, or 2 when the fitted mask reached beyond the candidates.</summary>
    public int Passes { get; }

    /// <summary>Time the reading thread spent decompressing and converting (all passes): the floor of the pass.</summary>
    public TimeSpan ReadingTime { get; }

    /// <summary>Volumes the reading thread smoothed itself because the others were behind (smoothing was the bound).</summary>
    public int VolumesProcessedByReader { get; }

    /// <summary>Runs the extraction on the file at <paramref name="path"/>.</summary>
    public static StreamingExtraction Run(string path, StreamingExtractionOptions options, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fitting = options.BrainMasker is null;
        var fwhm = fitting ? BrainMasker.CheckFwhm(options.SmoothingFwhm) : options.BrainMasker!.SmoothingFwhm;
        var warnings = new List<string>();

        var first = Pass(path, options, options.BrainMasker?.OffsetArray, fwhm, sumMean: true, progress, cancellationToken);
        var header = first.Header;
        var shape = header.Shape.Select(d => (int)d).Take(3).ToArray();
        var affine = header.BestAffine;
        var masker = options.BrainMasker ?? BrainMasker.FromMeanImage(first.Mean, shape, affine, header, options.MaskStrategy, fwhm);
        var mean = masker.MeanImage ?? NiftiImage.Create(first.Mean, shape, affine);
        var passes = 1;
        var (reading, helped) = (first.Reading, first.Helped);
        var (data, nonFinite) = (first.Rows, first.NonFinite);
        if (fitting)
        {
            var columns = ColumnsOf(masker.OffsetArray, first.Candidates, shape);
            if (columns is null)
            {
                // The mask reaches voxels the first pass did not keep: read again, keeping exactly the mask.
                data = null;
                first = first with { Rows = [] };
                // The seeds and the mean are known from the first pass: this one only smooths and masks.
                var second = Pass(path, options with { Spheres = null }, masker.OffsetArray, fwhm, sumMean: false, progress, cancellationToken);
                (data, nonFinite) = (second.Rows, second.NonFinite);
                (reading, helped) = (reading + second.Reading, helped + second.Helped);
                passes = 2;
            }
            else if (columns.Length != first.Candidates.Length)
            {
                data = TakeColumns(first.Rows, first.VolumeCount, first.Candidates.Length, columns);
            }
        }

        BrainMasker.WarnNonFinite(warnings, nonFinite, fwhm is not null);
        SphereMasker.WarnNonFinite(warnings, first.SeedNonFinite);

        var full = Path.GetFullPath(path);
        var brain = new SignalMatrix(first.VolumeCount, masker.VoxelCount, data!) { RepetitionTime = header.RepetitionTime, Source = full, Masker = masker };
        var seeds = options.Spheres is null ? null
            : new SignalMatrix(first.VolumeCount, first.SeedCount, first.SeedRows) { RepetitionTime = header.RepetitionTime, Source = full, Masker = options.Spheres };
        return new StreamingExtraction(header, masker, brain, seeds, mean, warnings, passes, reading, helped);
    }

    private sealed record PassResult(NiftiHeader Header, int VolumeCount, int[] Candidates, float[] Rows, float[] Mean, float[] SeedRows, int SeedCount, int NonFinite, int SeedNonFinite, TimeSpan Reading, int Helped);

    /// <summary>
    /// One read of the file. With <paramref name="keep"/> null the kept voxels are the first volume's non-background
    /// voxels; otherwise exactly <paramref name="keep"/> (F-order offsets in C order). The temporal mean is summed only
    /// with <paramref name="sumMean"/>.
    /// </summary>
    private static PassResult Pass(string path, StreamingExtractionOptions options, int[]? keep, IReadOnlyList<double>? fwhm, bool sumMean, IProgress<double>? progress, CancellationToken ct)
    {
        using var reader = NiftiReader.OpenVolumes(path, options.ReadOptions);
        var header = reader.Header;
        BrainMasker.RequireVolumes(header.Rank, reader.Shape);

        var shape = reader.Shape.Take(3).ToArray();
        var affine = header.BestAffine;
        if (options.BrainMasker is { } given)
        {
            MaskGrid.Check(given.Mask, reader.Shape, affine, "the brain mask");
        }

        var sphereOffsets = options.Spheres?.FileOffsets(shape, affine) ?? [];
        var kernels = fwhm is null ? null : GaussianSmoothing.Sigmas(affine, fwhm).Select(s => s > 0 ? GaussianSmoothing.Kernel(s) : null).ToArray();
        var n = reader.VolumeSize;
        var t = reader.VolumeCount;
        var sum = new double[sumMean ? n : 0];
        var seedRows = new float[t * sphereOffsets.Length];
        float[] rows = null!;
        var candidates = keep!;

        var consumers = options.Consumers ?? Math.Max(1, Environment.ProcessorCount - 1);
        var bufferCount = (2 * consumers) + 2;
        reader.EnsureFits((Int128)n * ((bufferCount * sizeof(float)) + (sumMean ? sizeof(double) : 0)), $"{bufferCount} volume buffers");
        using var free = new BlockingCollection<float[]>(bufferCount);
        using var ready = new BlockingCollection<(int Index, float[] Volume)>(bufferCount);
        for (var b = 0; b < bufferCount; b++)
        {
            free.Add(new float[n], ct);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = cts.Token;
        int nonFinite = 0, seedNonFinite = 0, done = 0, helped = 0;
        var reading = TimeSpan.Zero;
        ExceptionDispatchInfo? failure = null;

        void Process((int Index, float[] Volume) item, RegionSmoother? smoother)
        {
            var bad = sphereOffsets.Length == 0 ? 0 : SphereMasker.MeanOfVolume(item.Volume, sphereOffsets, seedRows.AsSpan(item.Index * sphereOffsets.Length, sphereOffsets.Length));
            var badBrain = BrainMasker.ExtractVolume(item.Volume, smoother, candidates, rows.AsSpan((int)((long)item.Index * candidates.Length), candidates.Length));
            if (bad > 0)
            {
                Interlocked.Add(ref seedNonFinite, bad);
            }

            if (badBrain > 0)
            {
                Interlocked.Add(ref nonFinite, badBrain);
            }

            free.Add(item.Volume, CancellationToken.None); // never blocks: there are only bufferCount buffers
            Interlocked.Increment(ref done);
        }

        void Fail(Exception ex)
        {
            Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(ex), null);
            cts.Cancel();
        }

        var producer = new Thread(() =>
        {
            RegionSmoother? helperSmoother = null;
            try
            {
                for (var ti = 0; ti < t; ti++)
                {
                    float[]? buffer;
                    // When every buffer waits to be smoothed, smoothing is the bottleneck: help instead of waiting.
                    while (!free.TryTake(out buffer))
                    {
                        if (ready.TryTake(out var pending))
                        {
                            Process(pending, helperSmoother ??= BrainMasker.Smoother(shape, kernels, candidates));
                            helped++;
                        }
                        else
                        {
                            buffer = free.Take(token);
                            break;
                        }
                    }

                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    reader.ReadVolume(buffer);
                    reading += System.Diagnostics.Stopwatch.GetElapsedTime(started);
                    if (sumMean)
                    {
                        WidenedSums.Add(sum, buffer);
                    }
                    if (ti == 0)
                    {
                        candidates ??= NonBackground(buffer, shape);
                        rows = AllocateRows(path, options.ReadOptions, t, candidates.Length);
                    }

                    ready.Add((ti, buffer), token);
                }
            }
            catch (Exception ex)
            {
                Fail(ex);
            }
            finally
            {
                ready.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "SeedCorr NIfTI reader" };
        producer.Start();

        var consumerThread = Environment.CurrentManagedThreadId;
        void Consume()
        {
            RegionSmoother? smoother = null;
            try
            {
                foreach (var item in ready.GetConsumingEnumerable(token))
                {
                    // Made at the first volume: the kept voxels (the box to smooth) are known from then on.
                    Process(item, smoother ??= BrainMasker.Smoother(shape, kernels, candidates));
                    if (progress is not null && Environment.CurrentManagedThreadId == consumerThread)
                    {
                        progress.Report((double)Volatile.Read(ref done) / t);
                    }
                }
            }
            catch (Exception ex)
            {
                Fail(ex);
            }
        }

        // Not started with the token: a helper must run (and see the cancellation itself) so that WaitAll never throws.
        var helpers = Enumerable.Range(0, consumers - 1).Select(_ => Task.Factory.StartNew(Consume, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        Consume();
        Task.WaitAll(helpers, CancellationToken.None);
        producer.Join();
        if (failure is null && ct.IsCancellationRequested)
        {
            ct.ThrowIfCancellationRequested();
        }

        failure?.Throw();
        var mean = new float[sum.Length];
        for (var i = 0; i < mean.Length; i++)
        {
            mean[i] = (float)(sum[i] / t);
        }

        return new PassResult(header, t, candidates, rows, mean, seedRows, sphereOffsets.Length, nonFinite, seedNonFinite, reading, helped);
    }

    /// <summary>The T × kept-voxels matrix, refused (TooLarge, as the reader refuses an image) beyond the memory limit.</summary>
    private static float[] AllocateRows(string path, NiftiReadOptions? readOptions, int t, int kept)
    {
        var values = (long)t * kept;
        var limit = (readOptions ?? NiftiReadOptions.Default).EffectiveMaxDataBytes;
        if (values > Array.MaxLength || values * sizeof(float) > limit)
        {
            throw new NiftiException(NiftiErrorKind.TooLarge, path,
                $"the signals of {kept:N0} voxels × {t:N0} volumes need {NiftiReader.FormatBytes((Int128)values * sizeof(float))}, more than the allowed {NiftiReader.FormatBytes(Math.Min(limit, (long)Array.MaxLength * sizeof(float)))}; give a brain mask");
        }

        return new float[values];
    }

    /// <summary>
    /// The voxels of a raw volume that the background strategy would keep if this volume were the mean (values different
    /// from the border median; non-NaN values when the border has NaN), as F-order offsets in C order.
    /// </summary>
    private static int[] NonBackground(float[] volume, int[] shape)
    {
        var copy = (float[])volume.Clone();
        var inside = MaskComputation.Background(NiftiImage.Create(copy, shape, Affine.Identity), meanImage: copy);
        return MaskGrid.COrderOffsets(inside, shape[0], shape[1], shape[2]);
    }

    /// <summary>
    /// For each mask voxel, its column among the candidates (both in C order), or null when one is missing. C order of
    /// an F-order offset f is (i, j, k) lexicographic, so the merge compares (i, j, k) tuples.
    /// </summary>
    private static int[]? ColumnsOf(int[] mask, int[] candidates, int[] shape)
    {
        int nx = shape[0], ny = shape[1];
        long Key(int f) => ((long)(f % nx) * ny * shape[2]) + ((long)(f / nx % ny) * shape[2]) + (f / (nx * ny));
        var columns = new int[mask.Length];
        var c = 0;
        for (var m = 0; m < mask.Length; m++)
        {
            var key = Key(mask[m]);
            while (c < candidates.Length && Key(candidates[c]) < key)
            {
                c++;
            }

            if (c == candidates.Length || candidates[c] != mask[m])
            {
                return null;
            }

            columns[m] = c++;
        }

        return columns;
    }

    /// <summary>The chosen columns of a time-major matrix, as a new exact-size array.</summary>
    private static float[] TakeColumns(float[] rows, int t, int width, int[] columns)
    {
        var result = new float[(long)t * columns.Length];
        for (var ti = 0; ti < t; ti++)
        {
            var src = rows.AsSpan((int)((long)ti * width), width);
            var dst = result.AsSpan((int)((long)ti * columns.Length), columns.Length);
            for (var c = 0; c < columns.Length; c++)
            {
                dst[c] = src[columns[c]];
            }
        }

        return result;
    }
}
