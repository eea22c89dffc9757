namespace SeedCorr.Core.Nifti;

/// <summary>Checks a parsed header before anything is allocated from it; every failure names the field and its value.</summary>
internal static class NiftiHeaderValidator
{
    /// <summary>Validates dims, datatype, bitpix, scaling and vox_offset. Returns the number of data bytes the header claims.</summary>
    public static long Validate(NiftiHeader h, bool pair, string? path)
    {
        var rank = h.Dim[0];
        if (rank is < 1 or > 7)
        {
            throw Invalid(path, $"dim[0] is {rank}: the number of dimensions must be 1 to 7");
        }

        // Overflow is checked in 128 bits so that a hostile NIfTI-2 header cannot wrap around to a small size.
        Int128 voxels = 1;
        for (var a = 1; a <= rank; a++)
        {
            if (h.Dim[a] < 1)
            {
                throw Invalid(path, $"dim[{a}] is {h.Dim[a]}: every dimension must be at least 1");
            }

            voxels *= h.Dim[a];
            if (voxels > long.MaxValue)
            {
                throw Invalid(path, $"dims {string.Join('x', h.Shape)} overflow a 64-bit voxel count");
            }
        }

        if (!NiftiDataTypes.IsSupported(h.DataType))
        {
            var name = NiftiDataTypes.Name(h.DataType);
            var why = NiftiDataTypes.BitsPerVoxel(h.DataType) == 0
                ? $"datatype {(short)h.DataType} is not a NIfTI datatype code"
                : $"datatype {name} ({(short)h.DataType}) is not supported: SeedCorr reads real-valued images (uint8 … float64, int64, uint64)";
            throw new NiftiException(NiftiErrorKind.UnsupportedDataType, path, why);
        }

        var bits = NiftiDataTypes.BitsPerVoxel(h.DataType);
        if (h.BitPix != bits)
        {
            throw Invalid(path, $"bitpix is {h.BitPix} but datatype {NiftiDataTypes.Name(h.DataType)} has {bits} bits per voxel");
        }

        var bytes = voxels * (bits / 8);
        if (bytes > long.MaxValue)
        {
            throw Invalid(path, $"dims {string.Join('x', h.Shape)} × {bits / 8} bytes overflow a 64-bit byte count");
        }

        if (h.HasScaling && !double.IsFinite(h.SclInter))
        {
            throw Invalid(path, $"scl_slope is {h.SclSlope} but scl_inter is {h.SclInter}: a scaled image needs a finite intercept");
        }

        var off = h.VoxOffset;
        if (!double.IsFinite(off) || off < 0 || off != Math.Floor(off) || off > long.MaxValue / 2)
        {
            throw Invalid(path, $"vox_offset is {off}: it must be a non-negative whole number of bytes");
        }

        var headerSize = h.Version == 2 ? NiftiHeaderCodec.Nifti2Size : NiftiHeaderCodec.Nifti1Size;
        if (!pair && off < headerSize + 4)
        {
            throw Invalid(path, $"vox_offset is {off}: in a single-file NIfTI-{h.Version} the data cannot start before byte {headerSize + 4} (it would overlap the header)");
        }

        return (long)bytes;
    }

    private static NiftiException Invalid(string? path, string message) => new(NiftiErrorKind.InvalidHeader, path, message);
}
