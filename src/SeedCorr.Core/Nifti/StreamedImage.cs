using SeedCorr.Core.Geometry;

namespace SeedCorr.Core.Nifti;

/// <summary>Sets every value of whole volumes <paramref name="firstVolume"/>, <paramref name="firstVolume"/> + 1, … in <paramref name="destination"/> (a reused buffer, not zeroed).</summary>
public delegate void VolumeFiller(int firstVolume, Span<float> destination);

/// <summary>
/// A float32 image that is made volume by volume while <see cref="NiftiWriter.Write(StreamedImage, string, NiftiWriteOptions?, CancellationToken)"/>
/// writes it, so it is never held whole. Why: a 100-seed correlation map is 100 × 39,220 values in memory but 59 MB on
/// its grid; building that 59 MB array only to write it costs more than the write (fresh memory is paid page by page).
/// </summary>
public sealed class StreamedImage
{
    /// <summary>An image of <paramref name="header"/>'s shape and affine whose volumes <paramref name="fill"/> writes.</summary>
    /// <param name="header">The image's header (float32; as <see cref="NiftiImage.Create"/> would build it).</param>
    /// <param name="fill">Sets every value of volumes <c>first, first + 1, …</c> in the destination it is given (a whole number of volumes; not zeroed: a reused buffer).</param>
    public StreamedImage(NiftiHeader header, VolumeFiller fill)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(fill);
        Header = header;
        Fill = fill;
        Shape = header.Shape.Select(d => checked((int)d)).ToArray();
        Affine = header.BestAffine;
        VolumeSize = Shape.Take(3).Aggregate(1, (a, b) => checked(a * b));
        VolumeCount = Shape.Skip(3).Aggregate(1, (a, b) => checked(a * b));
    }

    /// <summary>The header written (before <see cref="NiftiWriter.BuildHeader(NiftiImage, NiftiDataType, string?)"/>'s on-disk fields).</summary>
    public NiftiHeader Header { get; }

    /// <summary>Sets every value of the given whole volumes, starting at the volume index given.</summary>
    public VolumeFiller Fill { get; }

    /// <summary>dim[1..dim[0]].</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The voxel-to-world affine.</summary>
    public Affine Affine { get; }

    /// <summary>Voxels per 3D volume.</summary>
    public int VolumeSize { get; }

    /// <summary>Number of 3D volumes.</summary>
    public int VolumeCount { get; }

    /// <summary>The whole image in memory (what writing it avoids; for tests and for -PassThru).</summary>
    public NiftiImage ToImage()
    {
        var data = new float[(long)VolumeSize * VolumeCount];
        Fill(0, data);
        return new NiftiImage(Header, data, null);
    }
}
