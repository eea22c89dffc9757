namespace SeedCorr.Core.Nifti;

/// <summary>Limits and choices for reading a NIfTI file.</summary>
public sealed record NiftiReadOptions
{
    /// <summary>Defaults: the allocation guard at 80 % of the memory this process may use.</summary>
    public static NiftiReadOptions Default { get; } = new();

    /// <summary>
    /// The largest voxel array (in bytes of the in-memory element type) the reader will allocate. A header that claims more
    /// fails with <see cref="NiftiErrorKind.TooLarge"/> before anything is allocated. Null: 80 % of the memory available
    /// to the process (the container limit where there is one).
    /// </summary>
    public long? MaxDataBytes { get; init; }

    internal long EffectiveMaxDataBytes => MaxDataBytes ?? (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 0.8);
}
