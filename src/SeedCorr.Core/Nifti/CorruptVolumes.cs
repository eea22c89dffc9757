namespace SeedCorr.Core.Nifti;

/// <summary>
/// Volumes with no finite voxel at all: not data with a few bad voxels but a corrupt acquisition (a dropped or
/// zero-filled-with-NaN volume). Left in, one such volume turns every voxel's temporal mean into NaN, so a computed
/// mask comes out empty; they must be named and censored instead.
/// </summary>
public static class CorruptVolumes
{
    /// <summary>The 0-based indices of the volumes of <paramref name="image"/> whose every value is NaN or infinite.</summary>
    public static int[] Find(NiftiImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var found = new List<int>();
        for (var t = 0; t < image.VolumeCount; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!HasFiniteValue(image.GetVolumeSpan(t)))
            {
                found.Add(t);
            }
        }

        return [.. found];
    }

    /// <summary>The same for a file, read volume by volume (nothing but one volume is held).</summary>
    public static int[] Find(string path, NiftiReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var reader = NiftiReader.OpenVolumes(path, options);
        var buffer = new float[reader.VolumeSize];
        var found = new List<int>();
        for (var t = 0; t < reader.VolumeCount; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            reader.ReadVolume(buffer);
            if (!HasFiniteValue(buffer))
            {
                found.Add(t);
            }
        }

        return [.. found];
    }

    /// <summary>A copy of a 4D image without the given volumes (0-based), the header kept.</summary>
    public static NiftiImage Without(NiftiImage image, IReadOnlyCollection<int> volumes)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(volumes);
        var n = image.VolumeCount;
        if (image.Rank != 4)
        {
            throw new ArgumentException($"volumes can be left out of a 4D image only; this one is {image.Rank}D", nameof(image));
        }

        if (volumes.Any(v => v < 0 || v >= n))
        {
            throw new ArgumentOutOfRangeException(nameof(volumes), $"volume {volumes.First(v => v < 0 || v >= n)} does not exist: the image has volumes 0 to {n - 1}");
        }

        var keep = Enumerable.Range(0, n).Where(t => !volumes.Contains(t)).ToArray();
        if (keep.Length == 0)
        {
            throw new ArgumentException("every volume would be left out", nameof(volumes));
        }

        var size = image.VolumeSize;
        var data = new float[(long)keep.Length * size];
        for (var o = 0; o < keep.Length; o++)
        {
            image.GetVolumeSpan(keep[o]).CopyTo(data.AsSpan(o * size, size));
        }

        var shape = image.Shape;
        shape[3] = keep.Length;
        return NiftiImage.Create(data, shape, image.Affine, image.RepetitionTime, image.Header);
    }

    /// <summary>A description for messages: "volume 17" or "volumes 3, 17 and 40" (0-based).</summary>
    public static string Describe(IReadOnlyList<int> volumes)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        return volumes.Count == 1 ? $"volume {volumes[0]}"
            : $"volumes {string.Join(", ", volumes.Take(volumes.Count - 1).Take(10))}{(volumes.Count > 11 ? ", …" : string.Empty)} and {volumes[^1]}";
    }

    private static bool HasFiniteValue(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (float.IsFinite(v))
            {
                return true;
            }
        }

        return false;
    }
}
