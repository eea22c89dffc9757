using System.Buffers;
using System.Runtime.InteropServices;

namespace SeedCorr.Core.Nifti;

public static partial class NiftiReader
{
    /// <summary>
    /// Opens an image for reading one 3D volume at a time, as float32, so a 4D image far larger than memory can be
    /// processed in a single streaming pass. The header is read and validated as by <see cref="Read"/>; the memory
    /// limit of <paramref name="options"/> applies to one volume here, and to the working memory of a pass through
    /// <see cref="NiftiVolumeReader.EnsureFits"/>.
    /// </summary>
    public static NiftiVolumeReader OpenVolumes(string path, NiftiReadOptions? options = null)
    {
        options ??= NiftiReadOptions.Default;
        var file = Open(path, options, elementSize: sizeof(float), wholeImageInMemory: false);
        try
        {
            return new NiftiVolumeReader(file, options);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}

/// <summary>
/// Sequential float32 access to the volumes of a NIfTI image (see <see cref="NiftiReader.OpenVolumes"/>). Each volume
/// is decompressed and converted in one pass into the caller's buffer; after the last one the gzip trailer is checked,
/// so a damaged file fails exactly as it does with <see cref="NiftiReader.Read"/>. Not thread-safe.
/// </summary>
public sealed class NiftiVolumeReader : IDisposable
{
    private readonly NiftiReader.OpenFile _file;
    private readonly long _budget;

    internal NiftiVolumeReader(NiftiReader.OpenFile file, NiftiReadOptions options)
    {
        _file = file;
        Header = file.Header;
        var shape = Header.Shape;
        // The header's dims were checked against 64-bit overflow; here they must also fit the 32-bit sizes of one
        // volume buffer and a volume index, and one volume must fit the memory budget.
        var volumeSize = shape.Take(3).Aggregate((Int128)1, (a, b) => a * b);
        var volumeCount = shape.Skip(3).Aggregate((Int128)1, (a, b) => a * b);
        if (volumeSize > Array.MaxLength || shape.Any(d => d > int.MaxValue))
        {
            throw new NiftiException(NiftiErrorKind.TooLarge, file.Path,
                $"one volume has {volumeSize:N0} voxels ({string.Join('x', shape.Take(3))}), more than a volume buffer can hold ({Array.MaxLength:N0})");
        }

        if (volumeCount > int.MaxValue)
        {
            throw new NiftiException(NiftiErrorKind.TooLarge, file.Path, $"the image has {volumeCount:N0} volumes, more than {int.MaxValue:N0}");
        }

        Shape = shape.Select(d => (int)d).ToArray();
        VolumeSize = (int)volumeSize;
        VolumeCount = (int)volumeCount;
        _budget = options.EffectiveMaxDataBytes;
        EnsureFits(volumeSize * sizeof(float), "one volume");
    }

    /// <summary>
    /// Throws <see cref="NiftiErrorKind.TooLarge"/> when <paramref name="bytes"/> of working memory exceed the reader's
    /// budget (<see cref="NiftiReadOptions.MaxDataBytes"/>, 80 % of available memory by default): the same limit as a
    /// whole-image read, applied to what a streaming pass holds.
    /// </summary>
    public void EnsureFits(Int128 bytes, string what)
    {
        if (bytes > _budget)
        {
            throw new NiftiException(NiftiErrorKind.TooLarge, _file.Path,
                $"{what} of this {string.Join('x', Shape)} image need{(what.StartsWith("one ", StringComparison.Ordinal) ? "s" : string.Empty)} {NiftiReader.FormatBytes(bytes)} in memory, more than the allowed {NiftiReader.FormatBytes(_budget)}");
        }
    }

    /// <summary>The validated header (with extensions).</summary>
    public NiftiHeader Header { get; }

    /// <summary>The image's shape (3 to 7 dimensions; volumes are everything after the third).</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Voxels per volume (X·Y·Z).</summary>
    public int VolumeSize { get; }

    /// <summary>Number of volumes.</summary>
    public int VolumeCount { get; }

    /// <summary>Volumes read so far.</summary>
    public int VolumesRead { get; private set; }

    /// <summary>
    /// Reads the next volume into <paramref name="destination"/> (<see cref="VolumeSize"/> values, file order). After the
    /// last volume the rest of the gzip stream is read and its CRC and length checked.
    /// </summary>
    public void ReadVolume(Span<float> destination)
    {
        if (destination.Length != VolumeSize)
        {
            throw new ArgumentException($"a volume has {VolumeSize} voxels; the buffer holds {destination.Length}", nameof(destination));
        }

        if (VolumesRead >= VolumeCount)
        {
            throw new InvalidOperationException($"all {VolumeCount} volumes have been read");
        }

        var h = Header;
        if (h.DataType == NiftiDataType.Float32)
        {
            // Decompress straight into the destination and convert in place: no intermediate copy.
            NiftiReader.ReadBlock(_file, MemoryMarshal.AsBytes(destination));
            VoxelConverter.InPlaceFloat32(destination, h.IsBigEndian, h.HasScaling, h.SclSlope, h.SclInter);
        }
        else
        {
            var size = NiftiDataTypes.BitsPerVoxel(h.DataType) / 8;
            var buffer = ArrayPool<byte>.Shared.Rent(VolumeSize * size);
            try
            {
                var bytes = buffer.AsSpan(0, VolumeSize * size);
                NiftiReader.ReadBlock(_file, bytes);
                VoxelConverter.Convert<float>(bytes, destination, h.DataType, h.IsBigEndian, h.HasScaling, h.SclSlope, h.SclInter);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        if (++VolumesRead == VolumeCount)
        {
            _file.Finish();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
