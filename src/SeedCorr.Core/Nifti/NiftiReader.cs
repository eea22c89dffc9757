using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
using System.Runtime.InteropServices;
using SeedCorr.Core.IO;

namespace SeedCorr.Core.Nifti;

/// <summary>
/// Reads NIfTI-1 and NIfTI-2 images: single files (.nii, .nii.gz) and pairs (.hdr/.img, either gzipped), both byte orders.
/// The data is decompressed once, streaming, and converted in the same pass; nothing is allocated from a header before
/// its claims are checked against the file.
/// </summary>
public static partial class NiftiReader
{
    // Deflate cannot expand data by more than 1032:1 (RFC 1951 worst case), so a .gz of C bytes never holds more than
    // ~1032·C bytes: a header claiming more is a lie we can reject without allocating or decompressing.
    private const long MaxDeflateRatio = 1032;
    private const int MaxExtensionBytes = 256 << 20;
    private const int ChunkBytes = 1 << 20;
    private static ReadOnlySpan<byte> GzipMagic => [0x1F, 0x8B];

    /// <summary>
    /// Reads only the header (and extensions) of a file. The header is validated, but the voxel data is not checked,
    /// so the header of a truncated file can still be inspected.
    /// </summary>
    public static NiftiHeader ReadHeader(string path, NiftiReadOptions? options = null)
    {
        using var file = Open(path, options ?? NiftiReadOptions.Default, elementSize: 0);
        return file.Header;
    }

    /// <summary>Reads an image as float32 (the in-memory type of the whole pipeline).</summary>
    public static NiftiImage Read(string path, NiftiReadOptions? options = null, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var (header, data) = ReadData<float>(path, options, progress, cancellationToken);
        return new NiftiImage(header, data, Path.GetFullPath(path));
    }

    /// <summary>Reads the voxel values as float64 ((double)raw × slope + inter), for callers that need every bit of an int32/float64 file.</summary>
    public static (NiftiHeader Header, double[] Data) ReadAsDouble(string path, NiftiReadOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadData<double>(path, options, null, cancellationToken);

    /// <summary>Reads the stored values before scaling, as little-endian bytes in file (F) order: exact for int64/uint64.</summary>
    public static (NiftiHeader Header, byte[] Raw) ReadRaw(string path, NiftiReadOptions? options = null)
    {
        using var file = Open(path, options ?? NiftiReadOptions.Default, elementSize: 1);
        var raw = new byte[file.DataBytes];
        ReadBlock(file, raw);
        file.Finish();
        var size = NiftiDataTypes.BitsPerVoxel(file.Header.DataType) / 8;
        if (file.Header.IsBigEndian && size > 1)
        {
            for (var n = 0; n < raw.Length; n += size)
            {
                raw.AsSpan(n, size).Reverse();
            }
        }

        return (file.Header, raw);
    }

    private static (NiftiHeader, T[]) ReadData<T>(string path, NiftiReadOptions? options, IProgress<double>? progress, CancellationToken ct)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var file = Open(path, options ?? NiftiReadOptions.Default, Marshal.SizeOf<T>());
        var h = file.Header;
        T[] data;
        try
        {
            data = new T[h.VoxelCount];
        }
        catch (OutOfMemoryException ex)
        {
            // The guard allows 80 % of available memory; other allocations can still leave too little.
            throw new NiftiException(NiftiErrorKind.TooLarge, path, $"not enough memory for {FormatBytes((Int128)h.VoxelCount * Marshal.SizeOf<T>())} of voxel data", ex);
        }

        var scale = h.HasScaling;
        if (typeof(T) == typeof(float) && h.DataType == NiftiDataType.Float32)
        {
            // Decompress straight into the result: no intermediate copy of the data.
            var floats = MemoryMarshal.Cast<T, float>(data.AsSpan());
            for (var start = 0; start < floats.Length; start += ChunkBytes / 4)
            {
                ct.ThrowIfCancellationRequested();
                var chunk = floats.Slice(start, Math.Min(ChunkBytes / 4, floats.Length - start));
                ReadBlock(file, MemoryMarshal.AsBytes(chunk));
                VoxelConverter.InPlaceFloat32(chunk, h.IsBigEndian, scale, h.SclSlope, h.SclInter);
                progress?.Report((double)(start + chunk.Length) / floats.Length);
            }
        }
        else
        {
            var size = NiftiDataTypes.BitsPerVoxel(h.DataType) / 8;
            var perChunk = ChunkBytes / size;
            var buffer = ArrayPool<byte>.Shared.Rent(perChunk * size);
            try
            {
                for (long start = 0; start < data.LongLength; start += perChunk)
                {
                    ct.ThrowIfCancellationRequested();
                    var count = (int)Math.Min(perChunk, data.LongLength - start);
                    var bytes = buffer.AsSpan(0, count * size);
                    ReadBlock(file, bytes);
                    VoxelConverter.Convert(bytes, data.AsSpan((int)start, count), h.DataType, h.IsBigEndian, scale, h.SclSlope, h.SclInter);
                    progress?.Report((double)(start + count) / data.LongLength);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        file.Finish();
        return (h, data);
    }

    /// <summary>Opens the file(s), reads and validates the header and extensions, and leaves the data stream at the first voxel.</summary>
    internal static OpenFile Open(string path, NiftiReadOptions options, int elementSize, bool wholeImageInMemory = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var names = NiftiFileNames.Resolve(path);
        if (InputFile.TypeOf(names.HeaderPath) == InputFileType.Missing)
        {
            var msg = names.IsPair && !string.Equals(names.HeaderPath, path, StringComparison.Ordinal)
                ? $"the header {Path.GetFileName(names.HeaderPath)} of this .img is missing"
                : "file not found";
            throw new NiftiException(NiftiErrorKind.NotFound, path, msg);
        }

        var headerStream = OpenStream(names.HeaderPath, names.HeaderCompressed, out var headerFileLength);
        var file = new OpenFile(path, names.HeaderPath, headerStream, names.HeaderCompressed);
        try
        {
            Span<byte> first = stackalloc byte[4];
            var got = ReadSome(file, headerStream, first);
            if (got < 4)
            {
                throw new NiftiException(NiftiErrorKind.Truncated, path, got == 0 ? "the file is empty" : $"the file ends after {got} bytes, inside the header");
            }

            if (!names.HeaderCompressed && first[..2].SequenceEqual(GzipMagic))
            {
                throw new NiftiException(NiftiErrorKind.InvalidHeader, path, "the file is gzip-compressed but not named .gz: rename it to .nii.gz");
            }

            var (hdrSize, big) = NiftiHeaderCodec.Detect(first, path);
            var hbytes = new byte[hdrSize];
            first.CopyTo(hbytes);
            got = 4 + ReadSome(file, headerStream, hbytes.AsSpan(4));
            if (got < hdrSize)
            {
                throw new NiftiException(NiftiErrorKind.Truncated, path, $"the file ends after {got} bytes, inside the {hdrSize}-byte header");
            }

            var header = NiftiHeaderCodec.Parse(hbytes, big, names.IsPair, path);
            var dataBytes = NiftiHeaderValidator.Validate(header, names.IsPair, path);
            var dataStart = header.DataOffset;

            // Extensions: in a single file they fill the bytes between the header and vox_offset; in a pair, the rest of the .hdr.
            byte[] region;
            long dataFileLength;
            Stream dataStream;
            if (!names.IsPair)
            {
                if (elementSize > 0)
                {
                    CheckFits(path, names.HeaderCompressed, headerFileLength, dataStart, dataBytes);
                }

                var regionLength = dataStart - hdrSize;
                if (regionLength > MaxExtensionBytes)
                {
                    throw new NiftiException(NiftiErrorKind.InvalidHeader, path, $"vox_offset is {dataStart}: more than 256 MiB of header extensions");
                }

                region = new byte[regionLength];
                got = ReadSome(file, headerStream, region);
                if (got < regionLength)
                {
                    throw new NiftiException(NiftiErrorKind.Truncated, path, $"vox_offset is {dataStart} but the file ends at byte {hdrSize + got}");
                }

                dataStream = headerStream;
                dataFileLength = headerFileLength;
            }
            else
            {
                region = ReadToEnd(file, headerStream, MaxExtensionBytes);
                if (InputFile.TypeOf(names.DataPath) == InputFileType.Missing)
                {
                    throw new NiftiException(NiftiErrorKind.NotFound, path, $"the image file {Path.GetFileName(names.DataPath)} of this pair is missing");
                }

                file.Finish();
                headerStream.Dispose();
                dataStream = OpenStream(names.DataPath, names.DataCompressed, out dataFileLength);
                file.ReplaceStream(names.DataPath, dataStream, names.DataCompressed);
                if (elementSize > 0)
                {
                    CheckFits(path, names.DataCompressed, dataFileLength, dataStart, dataBytes);
                }

                Skip(file, dataStream, dataStart);
            }

            header = header with { Extensions = NiftiExtensionParser.Parse(region, big, path) };

            if (elementSize == sizeof(float))
            {
                CheckFloat32Scaling(header, path);
            }

            if (elementSize > 0 && wholeImageInMemory)
            {
                var count = header.VoxelCount;
                var need = (Int128)count * elementSize;
                if (count > Array.MaxLength || need > options.EffectiveMaxDataBytes)
                {
                    throw new NiftiException(NiftiErrorKind.TooLarge, path,
                        $"the image has {count:N0} voxels ({FormatBytes(need)} in memory), more than the allowed {FormatBytes(Int128.Min(options.EffectiveMaxDataBytes, (Int128)Array.MaxLength * elementSize))}");
                }
            }

            file.Header = header;
            file.DataBytes = dataBytes;
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The pipeline holds images in float32. When scl_inter is so large that float32's step there is coarser than one
    /// stored unit (|scl_slope|), the signal is rounded away (scl_inter 1e10: steps of 1024), and every map would be
    /// zeros or noise: such a file is refused (float64 reads, <see cref="ReadAsDouble"/>, are not affected).
    /// </summary>
    private static void CheckFloat32Scaling(NiftiHeader h, string path)
    {
        if (!h.HasScaling)
        {
            return;
        }

        var inter = Math.Abs(h.SclInter);
        var slope = Math.Abs(h.SclSlope);
        var asFloat = (float)inter;
        var step = float.IsFinite(asFloat) ? (double)MathF.BitIncrement(asFloat) - asFloat : double.PositiveInfinity;
        if (step > slope)
        {
            throw new NiftiException(NiftiErrorKind.ScalingUnrepresentable, path, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"scl_inter {h.SclInter:G6} with scl_slope {h.SclSlope:G6} puts the values where float32 steps are {step:G4}, coarser than one stored unit ({slope:G4}): the signal would be rounded away. SeedCorr computes in float32 and refuses the file rather than compute in float64"));
        }
    }

    private static void CheckFits(string path, bool compressed, long fileLength, long dataStart, long dataBytes)
    {
        var end = (Int128)dataStart + dataBytes;
        if (!compressed)
        {
            if (dataStart > fileLength)
            {
                throw new NiftiException(NiftiErrorKind.Truncated, path, $"vox_offset is {dataStart} but the file has only {fileLength} bytes");
            }

            if (end > fileLength)
            {
                throw new NiftiException(NiftiErrorKind.Truncated, path,
                    $"the header describes {dataBytes:N0} bytes of voxel data from byte {dataStart}, but the file ends at byte {fileLength:N0} ({FormatBytes(end - fileLength)} missing)");
            }
        }
        else if (end > ((Int128)fileLength * MaxDeflateRatio) + 65536)
        {
            throw new NiftiException(NiftiErrorKind.Truncated, path,
                $"the header describes {FormatBytes(end)} of data, more than a {fileLength:N0}-byte gzip file can hold: the file is truncated or the header is wrong");
        }
    }

    private static Stream OpenStream(string path, bool gz, out long fileLength)
    {
        // The one input opener: a folder, FIFO or device is refused before it is opened (a FIFO would block forever).
        var fs = OpenInput(path);
        fileLength = fs.Length;
        if (!gz)
        {
            return fs;
        }

        Span<byte> magic = stackalloc byte[2];
        var n = fs.Read(magic);
        if (n < 2 || !magic.SequenceEqual(GzipMagic))
        {
            fs.Dispose();
            throw new NiftiException(n == 0 ? NiftiErrorKind.Truncated : NiftiErrorKind.CorruptCompressed, path,
                n == 0 ? "the file is empty" : "the file is named .gz but is not gzip-compressed (no gzip magic)");
        }

        fs.Position = 0;
        return new GZipStream(fs, CompressionMode.Decompress, leaveOpen: false);
    }

    /// <summary><see cref="InputFile.OpenRead"/> with its refusals as NIfTI errors.</summary>
    internal static Stream OpenInput(string path)
    {
        try
        {
            return InputFile.OpenRead(path);
        }
        catch (InputFileException ex)
        {
            throw AsNifti(ex, path);
        }
    }

    private static NiftiException AsNifti(InputFileException ex, string path) =>
        new(ex.Problem == InputFileProblem.NotFound ? NiftiErrorKind.NotFound : NiftiErrorKind.NotRegularFile, path, ex.Detail, ex);

    /// <summary>Reads until the span is full or the stream ends; returns the count. Decompression errors become CorruptCompressed.</summary>
    private static int ReadSome(OpenFile file, Stream s, Span<byte> buffer)
    {
        var total = 0;
        try
        {
            while (total < buffer.Length)
            {
                var n = s.Read(buffer[total..]);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            file.StreamPosition += total;
        }
        catch (InvalidDataException ex) when (file.Compressed)
        {
            throw new NiftiException(NiftiErrorKind.CorruptCompressed, file.Path, $"the gzip data is corrupt: {ex.Message}", ex);
        }

        return total;
    }

    internal static void ReadBlock(OpenFile file, Span<byte> buffer)
    {
        var got = ReadSome(file, file.Stream, buffer);
        file.DataRead += got;
        if (got < buffer.Length)
        {
            throw new NiftiException(NiftiErrorKind.Truncated, file.Path,
                $"the voxel data ends early: {file.DataRead:N0} of {file.DataBytes:N0} bytes present{(file.Compressed ? " after decompression" : string.Empty)}");
        }
    }

    private static void Skip(OpenFile file, Stream s, long count)
    {
        if (count == 0)
        {
            return;
        }

        if (s.CanSeek)
        {
            s.Seek(count, SeekOrigin.Current);
            return;
        }

        var buf = ArrayPool<byte>.Shared.Rent(65536);
        try
        {
            while (count > 0)
            {
                var n = ReadSome(file, s, buf.AsSpan(0, (int)Math.Min(buf.Length, count)));
                if (n == 0)
                {
                    throw new NiftiException(NiftiErrorKind.Truncated, file.Path, "the image file ends before vox_offset");
                }

                count -= n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buf);
        }
    }

    private static byte[] ReadToEnd(OpenFile file, Stream s, int max)
    {
        using var ms = new MemoryStream();
        var buf = new byte[65536];
        int n;
        while ((n = ReadSome(file, s, buf)) > 0)
        {
            ms.Write(buf, 0, n);
            if (ms.Length > max)
            {
                throw new NiftiException(NiftiErrorKind.InvalidHeader, file.Path, "the .hdr file holds more than 256 MiB of extensions");
            }

            if (n < buf.Length)
            {
                break;
            }
        }

        return ms.ToArray();
    }

    internal static string FormatBytes(Int128 bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        var v = (double)bytes;
        var u = 0;
        while (v >= 1024 && u < units.Length - 1)
        {
            v /= 1024;
            u++;
        }

        return u == 0 ? $"{bytes} bytes" : $"{v:0.#} {units[u]}";
    }

    /// <summary>An open data stream and what is known about it.</summary>
    internal sealed class OpenFile(string path, string streamPath, Stream stream, bool compressed) : IDisposable
    {
        public string Path { get; } = path;

        /// <summary>The file behind <see cref="Stream"/> (the .img of a pair once the header is read).</summary>
        public string StreamPath { get; private set; } = streamPath;

        /// <summary>Bytes read from <see cref="Stream"/> so far (decompressed bytes for gzip).</summary>
        public long StreamPosition { get; set; }

        public Stream Stream { get; private set; } = stream;

        public bool Compressed { get; private set; } = compressed;

        public NiftiHeader Header { get; set; } = null!;

        public long DataBytes { get; set; }

        public long DataRead { get; set; }

        public void ReplaceStream(string streamPath, Stream s, bool compressed)
        {
            StreamPath = streamPath;
            Stream = s;
            Compressed = compressed;
            StreamPosition = 0;
        }

        /// <summary>
        /// For gzip, reads on to the end of the member so the CRC-32 and length in the trailer are checked: a damaged
        /// .nii.gz must not load silently. Bounded, so trailing junk cannot make this unbounded.
        /// </summary>
        public void Finish()
        {
            if (!Compressed)
            {
                return;
            }

            var buf = ArrayPool<byte>.Shared.Rent(65536);
            try
            {
                long drained = 0;
                var n = 1;
                while (drained < (16L << 20) && (n = ReadSome(this, Stream, buf.AsSpan(0, 65536))) > 0)
                {
                    drained += n;
                }

                if (n == 0 && !GzipTrailer.LastMemberComplete(StreamPath, StreamPosition))
                {
                    throw new NiftiException(NiftiErrorKind.Truncated, Path,
                        $"{System.IO.Path.GetFileName(StreamPath)} ends without a complete gzip trailer: the file was cut off");
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buf);
            }
        }

        public void Dispose() => Stream.Dispose();
    }
}
