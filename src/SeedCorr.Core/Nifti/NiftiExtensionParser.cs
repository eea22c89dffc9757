using System.Buffers.Binary;
using System.Collections.Immutable;

namespace SeedCorr.Core.Nifti;

/// <summary>Parses the extension block that follows the header: a 4-byte flag, then (esize, ecode, content) records.</summary>
internal static class NiftiExtensionParser
{
    public static ImmutableArray<NiftiExtension> Parse(ReadOnlySpan<byte> region, bool bigEndian, string? path)
    {
        if (region.Length < 4 || region[0] == 0)
        {
            return [];
        }

        var list = ImmutableArray.CreateBuilder<NiftiExtension>();
        var pos = 4;
        while (pos + 8 <= region.Length)
        {
            var esize = bigEndian ? BinaryPrimitives.ReadInt32BigEndian(region[pos..]) : BinaryPrimitives.ReadInt32LittleEndian(region[pos..]);
            var ecode = bigEndian ? BinaryPrimitives.ReadInt32BigEndian(region[(pos + 4)..]) : BinaryPrimitives.ReadInt32LittleEndian(region[(pos + 4)..]);

            // Padding between the last extension and vox_offset reads as esize 0: that ends the list (as in niftilib;
            // nibabel 5.0 fails here on files it wrote itself).
            if (esize < 16)
            {
                break;
            }

            if (esize % 16 != 0)
            {
                throw new NiftiException(NiftiErrorKind.InvalidHeader, path,
                    $"extension {list.Count + 1} (code {ecode}) has esize {esize}, which is not a multiple of 16");
            }

            if (esize > region.Length - pos)
            {
                throw new NiftiException(NiftiErrorKind.InvalidHeader, path,
                    $"extension {list.Count + 1} (code {ecode}) has esize {esize} but only {region.Length - pos} bytes remain before the voxel data");
            }

            list.Add(new NiftiExtension(ecode, region.Slice(pos + 8, esize - 8)));
            pos += esize;
        }

        return list.ToImmutable();
    }
}
