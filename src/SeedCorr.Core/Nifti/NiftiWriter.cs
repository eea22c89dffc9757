using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using SeedCorr.Core.Geometry;
using SeedCorr.Core.IO;

namespace SeedCorr.Core.Nifti;

/// <summary>Options for <see cref="NiftiWriter"/>.</summary>
public sealed record NiftiWriteOptions
{
    /// <summary>Defaults: float32, fast gzip, no overwrite.</summary>
    public static NiftiWriteOptions Default { get; } = new();

    /// <summary>The on-disk datatype; integer types get scl_slope/scl_inter so that the float data fits.</summary>
    public NiftiDataType DataType { get; init; } = NiftiDataType.Float32;

    /// <summary>gzip level for .nii.gz (Fastest by default: ~3× faster than Optimal for a few % more bytes on fMRI data).</summary>
    public CompressionLevel CompressionLevel { get; init; } = CompressionLevel.Fastest;

    /// <summary>
    /// How .nii.gz members are coded: deflate at <see cref="CompressionLevel"/> (default), or
    /// <see cref="GzipEncoding.ZeroRuns"/> for float32 statistical maps (zeros outside the brain, noise inside), which
    /// writes them in about half the time of Fastest, no larger.
    /// </summary>
    public GzipEncoding GzipEncoding { get; init; } = GzipEncoding.Deflate;

    /// <summary>Replace an existing file (a read-only one only with <see cref="ReplaceReadOnly"/>).</summary>
    public bool Overwrite { get; init; }

    /// <summary>With <see cref="Overwrite"/>, replace the file even when it is read-only (PowerShell's -Force).</summary>
    public bool ReplaceReadOnly { get; init; }

    /// <summary>Told the fraction of the voxel data written, on the writing thread (a 1 GB image takes seconds to compress).</summary>
    public IProgress<double>? Progress { get; init; }
}

/// <summary>
/// Writes NIfTI-1 (NIfTI-2 when a dimension exceeds 32767) single files, .nii or .nii.gz by extension, little-endian,
/// atomically. sform and qform both describe the image's affine; header fields and extensions are kept.
/// </summary>
public static class NiftiWriter
{
    private const int ChunkValues = 1 << 18;

    /// <summary>Writes <paramref name="image"/> to <paramref name="path"/>.</summary>
    public static void Write(NiftiImage image, string path, NiftiWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= NiftiWriteOptions.Default;
        var gz = CheckTarget(path, options);
        var header = BuildHeader(image, options.DataType, path);
        WriteFile(path, gz, header, options, (target, h) => WriteValues(target, image.Data.Span, h, options.Progress, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="image"/> to <paramref name="path"/> as float32, filling a few MB of volumes at a time: the
    /// same file as writing <see cref="StreamedImage.ToImage"/>, without its array.
    /// </summary>
    public static void Write(StreamedImage image, string path, NiftiWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= NiftiWriteOptions.Default;
        if (options.DataType != NiftiDataType.Float32)
        {
            throw new NiftiException(NiftiErrorKind.UnsupportedDataType, path, $"an image made while it is written is float32, not {NiftiDataTypes.Name(options.DataType)}");
        }

        var gz = CheckTarget(path, options);
        var header = BuildHeader(image.Header, image.Shape, image.Affine, NiftiDataType.Float32, (1.0, 0.0), path);
        WriteFile(path, gz, header, options, (target, h) => WriteStreamed(target, image, h, options.Progress, cancellationToken), cancellationToken);
    }

    private static bool CheckTarget(string path, NiftiWriteOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var lower = path.ToLowerInvariant();
        var gz = lower.EndsWith(".nii.gz", StringComparison.Ordinal);
        if (!gz && !lower.EndsWith(".nii", StringComparison.Ordinal))
        {
            throw new NiftiException(NiftiErrorKind.WriteFailed, path, "the file name must end in .nii or .nii.gz");
        }

        if (!NiftiDataTypes.IsSupported(options.DataType))
        {
            throw new NiftiException(NiftiErrorKind.UnsupportedDataType, path, $"cannot write datatype {NiftiDataTypes.Name(options.DataType)}");
        }

        return gz;
    }

    private static void WriteFile(string path, bool gz, NiftiHeader header, NiftiWriteOptions options, Action<Stream, NiftiHeader> writeData, CancellationToken cancellationToken)
    {
        var headerBytes = NiftiHeaderCodec.Serialize(header);
        try
        {
            AtomicFile.Write(path, stream =>
            {
                // Chunks compressed on all cores (one gzip member each) once the image passes a MB: a 100-seed 4D map.
                Stream target = gz ? new ParallelGzipStream(stream, options.CompressionLevel, encoding: options.GzipEncoding) : stream;
                try
                {
                    target.Write(headerBytes);
                    WriteExtensions(target, header);
                    writeData(target, header);
                }
                finally
                {
                    if (gz)
                    {
                        target.Dispose();
                    }
                }
            }, !options.Overwrite ? ExistingTarget.Refuse : options.ReplaceReadOnly ? ExistingTarget.ReplaceReadOnly : ExistingTarget.Replace, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not NiftiException and not FileReadOnlyException)
        {
            throw new NiftiException(NiftiErrorKind.WriteFailed, path, ex.Message, ex);
        }
    }

    /// <summary>The header that <see cref="Write(NiftiImage, string, NiftiWriteOptions?, CancellationToken)"/> puts on disk (exposed for inspection and tests).</summary>
    public static NiftiHeader BuildHeader(NiftiImage image, NiftiDataType dataType, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var h = image.Header;
        var wide = IsWide(h, image.Shape);
        (double, double)? own = dataType == h.DataType && h.HasScaling ? (h.SclSlope, h.SclInter) : null;
        var scaling = NiftiDataTypes.IsInteger(dataType) ? IntegerScaling.Choose(image.Data.Span, dataType, wide, own) : (1.0, 0.0);
        return BuildHeader(h, image.Shape, image.Affine, dataType, scaling, path);
    }

    // NIfTI-2 when a value does not fit NIfTI-1's narrower fields (a dimension above 32767, or a NIfTI-2 source's
    // int32 intent/slice fields), so nothing is silently truncated.
    private static bool IsWide(NiftiHeader h, IReadOnlyList<int> shape) => shape.Any(d => d > short.MaxValue) || !FitsNifti1(h);

    private static NiftiHeader BuildHeader(NiftiHeader h, IReadOnlyList<int> shape, Affine affine, NiftiDataType dataType, (double Slope, double Inter) scaling, string? path)
    {
        var wide = IsWide(h, shape);
        var headerSize = wide ? NiftiHeaderCodec.Nifti2Size : NiftiHeaderCodec.Nifti1Size;
        var extBytes = h.Extensions.Sum(e => e.SizeOnDisk);
        var (slope, inter) = scaling;
        if (!affine.IsFinite)
        {
            throw new NiftiException(NiftiErrorKind.AffineInvalid, path, "the image's affine has non-finite values: no reader could place its voxels in mm");
        }

        if (affine.Determinant3 == 0)
        {
            throw new NiftiException(NiftiErrorKind.AffineInvalid, path, "the image's affine is singular (its 3×3 part has determinant 0, e.g. a zero voxel size): no reader could place its voxels in mm");
        }

        var code = h.SformCode > 0 ? h.SformCode : h.QformCode > 0 ? h.QformCode : 2;
        return NiftiGeometryHeader.WithAffine(h with
        {
            Version = wide ? 2 : 1,
            Magic = wide ? "n+2" : "n+1",
            IsBigEndian = false,
            DataType = dataType,
            BitPix = NiftiDataTypes.BitsPerVoxel(dataType),
            SclSlope = slope,
            SclInter = inter,
            VoxOffset = headerSize + 4 + extBytes,
        }, affine, code);
    }

    private static bool FitsNifti1(NiftiHeader h) =>
        h.IntentCode is >= short.MinValue and <= short.MaxValue
        && h.SliceStart is >= short.MinValue and <= short.MaxValue
        && h.SliceEnd is >= short.MinValue and <= short.MaxValue
        && h.SliceCode is >= 0 and <= byte.MaxValue
        && h.XyztUnits is >= 0 and <= byte.MaxValue
        && h.QformCode is >= short.MinValue and <= short.MaxValue
        && h.SformCode is >= short.MinValue and <= short.MaxValue;

    private static void WriteExtensions(Stream s, NiftiHeader h)
    {
        Span<byte> flag = [h.Extensions.Length > 0 ? (byte)1 : (byte)0, 0, 0, 0];
        s.Write(flag);
        foreach (var e in h.Extensions)
        {
            var block = new byte[e.SizeOnDisk];
            BinaryPrimitives.WriteInt32LittleEndian(block, block.Length);
            BinaryPrimitives.WriteInt32LittleEndian(block.AsSpan(4), e.Code);
            e.Content.CopyTo(block.AsSpan(8));
            s.Write(block);
        }
    }

    // Whole volumes, about 4 × ChunkValues values (4 MB) at a time, through one pooled buffer: a new array per file
    // would be zeroed by the runtime and paid for page by page, which costs more than filling it.
    private static void WriteStreamed(Stream s, StreamedImage image, NiftiHeader h, IProgress<double>? progress, CancellationToken ct)
    {
        var n = image.VolumeSize;
        var perBlock = Math.Clamp((4 * ChunkValues) / n, 1, image.VolumeCount);
        var buffer = ArrayPool<float>.Shared.Rent(perBlock * n);
        try
        {
            for (var first = 0; first < image.VolumeCount; first += perBlock)
            {
                ct.ThrowIfCancellationRequested();
                var count = Math.Min(perBlock, image.VolumeCount - first);
                var block = buffer.AsSpan(0, count * n);
                image.Fill(first, block);
                WriteValues(s, block, h, null, ct);
                progress?.Report((first + count) / (double)image.VolumeCount);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    // The values in the header's datatype and byte order, ChunkValues at a time.
    private static void WriteValues(Stream s, ReadOnlySpan<float> data, NiftiHeader h, IProgress<double>? progress, CancellationToken ct)
    {
        if (h.DataType == NiftiDataType.Float32 && BitConverter.IsLittleEndian)
        {
            for (var start = 0; start < data.Length; start += ChunkValues)
            {
                ct.ThrowIfCancellationRequested();
                s.Write(MemoryMarshal.AsBytes(data.Slice(start, Math.Min(ChunkValues, data.Length - start))));
                progress?.Report(Math.Min(1.0, (start + (double)ChunkValues) / data.Length));
            }

            return;
        }

        var size = h.BitPix / 8;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkValues * size);
        try
        {
            for (var start = 0; start < data.Length; start += ChunkValues)
            {
                ct.ThrowIfCancellationRequested();
                var chunk = data.Slice(start, Math.Min(ChunkValues, data.Length - start));
                var bytes = buffer.AsSpan(0, chunk.Length * size);
                IntegerScaling.Encode(chunk, bytes, h.DataType, h.SclSlope, h.SclInter);
                s.Write(bytes);
                progress?.Report(Math.Min(1.0, (start + (double)ChunkValues) / data.Length));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
