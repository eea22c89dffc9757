using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using SeedCorr.Core.Extraction;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Masking;

/// <summary>
/// Any list of maskers fed from one streaming pass over a NIfTI file, without ever holding the 4D image: one thread
/// decompresses and converts volumes (and sums the temporal mean, in time order, as <see cref="TemporalMean"/> does),
/// while the others take each finished volume through the maskers' per-volume steps (<see cref="ExtractionPlan"/>:
/// raw means of spheres and labels, then smoothing and gathering for the brain) into time-major float32 matrices.
/// Results are the in-memory maskers' to the bit: the same per-volume code runs on the same values.
/// <para>
/// A brain masker can also be fitted in the same pass. Its mask depends on the mean of all volumes, so it is known
/// only at the end. The pass keeps the candidates: the voxels that differ, in the first volume, from that volume's
/// background (the border median, as the background strategy does). With a zero background (images resampled to a
/// template) the mask is exactly those voxels. If the fitted mask holds a voxel outside the candidates, the file is
/// read a second time for that masker alone.
/// </para>
/// </summary>
public sealed class StreamingExtraction
{
    private StreamingExtraction(NiftiHeader header, IReadOnlyList<ISignalMasker> maskers, IReadOnlyList<SignalMatrix> signals, BrainMasker? fitted, NiftiImage mean, IReadOnlyList<string> warnings, int passes, TimeSpan reading, int helped)
    {
        Header = header;
        Maskers = maskers;
        Signals = signals;
        FittedBrainMasker = fitted;
        MeanImage = mean;
        Warnings = warnings;
        Passes = passes;
        ReadingTime = reading;
        VolumesProcessedByReader = helped;
    }

    /// <summary>The file's header.</summary>
    public NiftiHeader Header { get; }

    /// <summary>The maskers fed: those given, in order, then the fitted brain masker when one was asked for.</summary>
    public IReadOnlyList<ISignalMasker> Maskers { get; }

    /// <summary>The signals of each masker of <see cref="Maskers"/> (T × its columns), as its in-memory transform gives.</summary>
    public IReadOnlyList<SignalMatrix> Signals { get; }

    /// <summary>The brain masker fitted from the file (with its mask and the mean image), or null when none was asked for.</summary>
    public BrainMasker? FittedBrainMasker { get; }

    /// <summary>The temporal mean image (a background for plots; what a fitted mask was computed from).</summary>
    public NiftiImage MeanImage { get; }

    /// <summary>What the maskers warned about (non-finite values), in masker order.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>How many times the file was read: 1, or 2 when a fitted mask reached beyond the candidates.</summary>
    public int Passes { get; }

    /// <summary>Time the reading thread spent decompressing and converting (all passes): the floor of the pass.</summary>
    public TimeSpan ReadingTime { get; }

    /// <summary>Volumes the reading thread processed itself because the others were behind (smoothing was the bound).</summary>
    public int VolumesProcessedByReader { get; }

    /// <summary>The signals of one of <see cref="Maskers"/>.</summary>
    public SignalMatrix SignalsOf(ISignalMasker masker)
    {
        for (var i = 0; i < Maskers.Count; i++)
        {
            if (ReferenceEquals(Maskers[i], masker))
            {
                return Signals[i];
            }
        }

        throw new ArgumentException($"{masker} was not fed by this extraction", nameof(masker));
    }

    /// <summary>Runs the extraction on the file at <paramref name="path"/>.</summary>
    public static StreamingExtraction Run(string path, StreamingExtractionOptions options, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Maskers);
        var given = options.Maskers.ToArray();
        if (given.Any(m => m is null))
        {
            throw new ArgumentException("a masker in the list is null", nameof(options));
        }

        var fit = options.FitBrainMasker;
        if (given.Length == 0 && fit is null)
        {
            throw new MaskingException(MaskingErrorKind.InvalidParameter, "nothing to extract: give at least one masker, or a brain masker to fit");
        }

        var fitFwhm = fit is null ? null : BrainMasker.CheckFwhm(fit.SmoothingFwhm);
        var first = Pass(path, options, given, fit is not null, fitFwhm, sumMean: true, progress, cancellationToken);
        var header = first.Header;
        var shape = header.Shape.Select(d => (int)d).Take(3).ToArray();
        ReleasePassBuffers((long)shape[0] * shape[1] * shape[2]);
        var affine = header.BestAffine;
        var maskers = new List<ISignalMasker>(given);
        var rows = first.Plan.Rows.Take(given.Length).ToList();
        var warnings = Enumerable.Range(0, given.Length).Select(first.Plan.Warning).ToList();
        var passes = 1;
        var (reading, helped) = (first.Reading, first.Helped);
        BrainMasker? fitted = null;
        if (fit is not null)
        {
            fitted = BrainMasker.FromMeanImage(first.Mean, shape, affine, header, fit.Strategy, fitFwhm);
            var candidates = first.Candidates;
            var columns = ColumnsOf(fitted.OffsetArray, candidates, shape);
            float[] brain;
            string? warning;
            if (columns is null)
            {
                // The mask reaches voxels the first pass did not keep: read again for this masker alone, keeping exactly the mask.
                first.Plan.Rows[^1] = [];
                var second = Pass(path, options, [fitted], fitting: false, null, sumMean: false, progress, cancellationToken);
                (brain, warning) = (second.Plan.Rows[0], second.Plan.Warning(0));
                (reading, helped) = (reading + second.Reading, helped + second.Helped);
                passes = 2;
            }
            else
            {
                var kept = first.Plan.Rows[^1];
                brain = columns.Length == candidates.Length ? kept : TakeColumns(kept, first.VolumeCount, candidates.Length, columns);
                warning = first.Plan.Warning(given.Length);
            }

            maskers.Add(fitted);
            rows.Add(brain);
            warnings.Add(warning);
        }

        var full = Path.GetFullPath(path);
        var signals = maskers.Select((m, i) => new SignalMatrix(first.VolumeCount, (int)(rows[i].LongLength / first.VolumeCount), rows[i])
        {
            RepetitionTime = header.RepetitionTime,
            Source = full,
            Masker = m,
        }).ToArray();
        var mean = fitted?.MeanImage ?? NiftiImage.Create(first.Mean, shape, affine);
        return new StreamingExtraction(header, maskers, signals, fitted, mean, [.. warnings.OfType<string>()], passes, reading, helped);
    }

    private sealed record PassResult(NiftiHeader Header, int VolumeCount, int[] Candidates, ExtractionPlan Plan, float[] Mean, TimeSpan Reading, int Helped);

    // A class, not a struct: the blocking queue of a reference type is the framework's shared precompiled code, where a
    // struct would have ~40 methods of BlockingCollection and ConcurrentQueue JIT-compiled in every fresh process.
    private sealed record Volume(int Index, float[] Values, ExtractionPlan Plan);

    /// <summary>
    /// One read of the file for <paramref name="maskers"/>, plus, when <paramref name="fitting"/>, the candidates of a
    /// fitted brain mask (the first volume's non-background voxels, smoothed with <paramref name="fitFwhm"/>) as the
    /// last extractor. The temporal mean is summed only with <paramref name="sumMean"/>.
    /// </summary>
    private static PassResult Pass(string path, StreamingExtractionOptions options, IReadOnlyList<ISignalMasker> maskers, bool fitting, IReadOnlyList<double>? fitFwhm, bool sumMean, IProgress<double>? progress, CancellationToken ct)
    {
        using var reader = NiftiReader.OpenVolumes(path, options.ReadOptions);
        var header = reader.Header;
        SignalMasker.RequireVolumes(header.Rank, reader.Shape);

        var shape = reader.Shape.Take(3).ToArray();
        var affine = header.BestAffine;
        // Bound before the first volume is read: a mask on another grid or a seed outside the image fails at once.
        var bound = maskers.Select(m => (m.Bind(shape, affine), m.SmoothingFwhm)).ToList();
        var n = reader.VolumeSize;
        var t = reader.VolumeCount;
        var mean = sumMean ? new TemporalMean(n) : null;
        ExtractionPlan? plan = null;
        int[] candidates = [];

        var consumers = options.Consumers ?? Math.Max(1, Environment.ProcessorCount - 1);
        // One volume being read, one queued per consumer and one being processed per consumer: a 2 mm volume is 3.6 MB,
        // and every buffer more is held for the whole pass.
        var bufferCount = (2 * consumers) + 1;
        reader.EnsureFits((Int128)n * ((bufferCount * sizeof(float)) + (sumMean ? sizeof(double) : 0)), $"{bufferCount} volume buffers");
        using var free = new BlockingCollection<float[]>(bufferCount);
        using var ready = new BlockingCollection<Volume>(bufferCount);
        for (var b = 0; b < bufferCount; b++)
        {
            free.Add(new float[n], ct);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = cts.Token;
        int done = 0, helped = 0;
        var reading = TimeSpan.Zero;
        ExceptionDispatchInfo? failure = null;

        void Process(Volume item, ExtractionPlan.Worker worker)
        {
            item.Plan.Process(worker, item.Index, item.Values);
            free.Add(item.Values, CancellationToken.None); // never blocks: there are only bufferCount buffers
            Interlocked.Increment(ref done);
        }

        void Fail(Exception ex)
        {
            Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(ex), null);
            cts.Cancel();
        }

        ExtractionPlan PlanFor(float[] firstVolume)
        {
            var items = bound;
            if (fitting)
            {
                candidates = NonBackground(firstVolume, shape);
                items = [.. bound, (new VoxelValues(candidates, fitFwhm is not null), fitFwhm)];
            }

            CheckSize(path, options.ReadOptions, t, items.Sum(i => (long)i.Item1.Columns));
            return new ExtractionPlan(items, shape, affine, t, header.SpaceUnits);
        }

        var producer = new Thread(() =>
        {
            ExtractionPlan.Worker? helperWorker = null;
            try
            {
                for (var ti = 0; ti < t; ti++)
                {
                    float[]? buffer;
                    // When every buffer waits to be processed, processing is the bottleneck: help instead of waiting.
                    while (!free.TryTake(out buffer))
                    {
                        if (ready.TryTake(out var pending))
                        {
                            Process(pending, helperWorker ??= pending.Plan.CreateWorker());
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
                    mean?.Add(buffer);
                    plan ??= PlanFor(buffer);
                    ready.Add(new Volume(ti, buffer, plan), token);
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
            ExtractionPlan.Worker? worker = null;
            try
            {
                foreach (var item in ready.GetConsumingEnumerable(token))
                {
                    // Made at the first volume: the plan (the voxels to smooth around) is known from then on.
                    Process(item, worker ??= item.Plan.CreateWorker());
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
        return new PassResult(header, t, candidates, plan ?? throw new InvalidDataException($"{path} holds no volume"), mean?.ToArray() ?? [], reading, helped);
    }

    /// <summary>
    /// After a pass over big volumes, its buffers are garbage: the volume buffers, the smoothers' work volumes and the
    /// float64 sum of the mean, ~28 bytes per voxel (25 MB at 2 mm). Large arrays are only reclaimed by a full
    /// collection, so without one the mask fitting, the cleaning and the writing that follow touch new memory instead
    /// of reusing theirs: measured on 91×109×91×300 in pwsh, the peak falls from 539 to 514 MB (1.50× → 1.43× the
    /// signal matrix) for 5–17 ms of collection, against a 3 s pipeline. Small volumes are left to the GC.
    /// </summary>
    private static void ReleasePassBuffers(long voxelsPerVolume)
    {
        const long scratchBytesPerVoxel = 28;
        if (voxelsPerVolume * scratchBytesPerVoxel >= 16L << 20)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
    }

    /// <summary>The T × columns matrices, refused (TooLarge, as the reader refuses an image) beyond the memory limit.</summary>
    private static void CheckSize(string path, NiftiReadOptions? readOptions, int t, long kept)
    {
        var values = t * kept;
        var limit = (readOptions ?? NiftiReadOptions.Default).EffectiveMaxDataBytes;
        if (values > Array.MaxLength || values * sizeof(float) > limit)
        {
            throw new NiftiException(NiftiErrorKind.TooLarge, path,
                $"the signals of {kept:N0} voxels or regions × {t:N0} volumes need {NiftiReader.FormatBytes((Int128)values * sizeof(float))}, more than the allowed {NiftiReader.FormatBytes(Math.Min(limit, (long)Array.MaxLength * sizeof(float)))}; give a brain mask");
        }
    }

    /// <summary>
    /// The voxels of a raw volume that the background strategy would keep if this volume were the mean (values different
    /// from the border median; non-NaN values when the border has NaN), as F-order offsets in C order.
    /// </summary>
    private static int[] NonBackground(float[] volume, int[] shape)
    {
        // Background only reads the volume (still the reader's: it is handed to the maskers after this returns).
        var inside = MaskComputation.Background(NiftiImage.Create(volume, shape, Affine.Identity), meanImage: volume);
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
