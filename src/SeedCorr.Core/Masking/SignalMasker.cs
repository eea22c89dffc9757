using SeedCorr.Core.Extraction;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Signal;

namespace SeedCorr.Core.Masking;

/// <summary>
/// The base of SeedCorr's maskers: the <see cref="ISignalMasker"/> contract plus what every masker offers on top of it
/// in one implementation — <see cref="Transform"/> of an image in memory (the same per-volume code as the streaming
/// pass, so the same bits) and the array overload of <see cref="InverseTransform(float[], int, bool)"/> for PowerShell.
/// </summary>
public abstract class SignalMasker : ISignalMasker
{
    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public virtual IReadOnlyList<double>? SmoothingFwhm => null;

    /// <inheritdoc />
    public virtual IReadOnlyList<WorldPoint>? SeedPositions => null;

    /// <inheritdoc />
    public virtual NiftiImage? MeanImage => null;

    /// <inheritdoc />
    public abstract VolumeExtractor Bind(IReadOnlyList<int> shape, Affine affine);

    /// <inheritdoc />
    public abstract NiftiImage InverseTransform(ReadOnlySpan<float> values, int rows, bool as3D = false);

    /// <summary>Array overload of <see cref="InverseTransform(ReadOnlySpan{float}, int, bool)"/> (callable from PowerShell).</summary>
    public NiftiImage InverseTransform(float[] values, int rows = 1, bool as3D = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        return InverseTransform(values.AsSpan(), rows, as3D);
    }

    /// <summary>
    /// The signals of a 3D or 4D image in memory: time points × <see cref="VolumeExtractor.Columns"/>. Non-finite
    /// values are handled as nilearn does and counted in <paramref name="warnings"/>. Progress is reported on the
    /// caller's thread only (a cmdlet may write progress from the pipeline thread alone).
    /// </summary>
    public SignalMatrix Transform(NiftiImage image, List<string> warnings, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        TransformAll(image, [this], warnings, progress, cancellationToken)[0];

    /// <summary>
    /// Several maskers over one image in memory, each volume visited once: one signal matrix per masker, in order, the
    /// same bits as each masker's own <see cref="Transform"/>.
    /// </summary>
    public static SignalMatrix[] TransformAll(NiftiImage image, IReadOnlyList<ISignalMasker> maskers, List<string> warnings, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(maskers);
        ArgumentNullException.ThrowIfNull(image);
        if (maskers.Any(m => m is null))
        {
            throw new ArgumentException("a masker in the list is null", nameof(maskers));
        }

        ArgumentNullException.ThrowIfNull(warnings);
        RequireVolumes(image.Rank, image.Shape);
        var shape = image.Shape;
        var t = image.VolumeCount;
        var n = image.VolumeSize;
        var plan = new ExtractionPlan(maskers.Select(m => (m.Bind(shape, image.Affine), m.SmoothingFwhm)).ToList(), shape, image.Affine, t, image.Header.SpaceUnits);
        var done = 0;
        // Parallel.For runs some iterations on the calling thread, so its reports keep coming.
        var caller = Environment.CurrentManagedThreadId;
        Parallel.For(0, t, new ParallelOptions { CancellationToken = cancellationToken }, () => (Volume: new float[n], Worker: plan.CreateWorker()), (ti, _, buffers) =>
        {
            image.Data.Span.Slice(ti * n, n).CopyTo(buffers.Volume);
            plan.Process(buffers.Worker, ti, buffers.Volume);
            var d = Interlocked.Increment(ref done);
            if (progress is not null && Environment.CurrentManagedThreadId == caller)
            {
                progress.Report((double)d / t);
            }

            return buffers;
        }, _ => { });

        warnings.AddRange(plan.Warnings());
        return maskers.Select((m, i) => new SignalMatrix(t, plan.Extractors[i].Columns, plan.Rows[i]) { RepetitionTime = image.RepetitionTime, Source = image.Path, Masker = m }).ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => Description;

    /// <summary>Maskers read 3D or 4D images only.</summary>
    internal static void RequireVolumes(int rank, IEnumerable<int> shape)
    {
        if (rank is < 3 or > 4)
        {
            throw new MaskingException(MaskingErrorKind.WrongDimensions, $"a masker needs a 3D or 4D image, not {rank}D ({string.Join('x', shape)})");
        }
    }
}
