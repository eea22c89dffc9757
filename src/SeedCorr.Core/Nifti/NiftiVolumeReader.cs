using System.Buffers;
using System.Runtime.InteropServices;

namespace SeedCorr.Core.Nifti;

public static partial class NiftiReader
{
    /// <summary>
    /// Opens an image for reading one 3D volume at a time, as float32, so a 4D image far larger than memory can be
    /// processed in a single streaming pass. The header is read and validated as by <see cref="Read"/>; the memory
    /// limit of <paramref name="options"/> does not apply (only one volume is ever held).
    /// </summary>
    public static NiftiVolumeReader OpenVolumes(string path, NiftiReadOptions? options = null) =>
        new(Open(path, options ?? NiftiReadOptions.Default, elementSize: sizeof(float), wholeImageInMemory: false));
}

/// <summary>
/// Sequential float32 access to the volumes of a NIfTI image (see <see cref="NiftiReader.OpenVolumes"/>). Each volume
/// is decompressed and converted in one pass into the caller's buffer; after the last one the gzip trailer is checked,
/// so a damaged file fails exactly as it does with <see cref="NiftiReader.Read"/>. Not thread-safe.
/// </summary>
public sealed class NiftiVolumeReader : IDisposable
{
    private readonly NiftiReader.OpenFile _file;

    internal NiftiVolumeReader(NiftiReader.OpenFile file)
    {
        _file = file;
        Header = file.Header;
        var shape = Header.Shape;
        Shape = shape.Select(d => checked((int)d)).ToArray();
        VolumeSize = checked((int)shape.Take(3).Aggregate(1L, (a, b) => a * b));
        VolumeCount = checked((int)shape.Skip(3).Aggregate(1L, (a, b) => a * b));
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
