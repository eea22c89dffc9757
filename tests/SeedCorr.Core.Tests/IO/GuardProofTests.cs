using SeedCorr.Core.Confounds;
using SeedCorr.Core.Nifti;
using SeedCorr.Core.Tests.Support;

namespace SeedCorr.Core.Tests.IO;

/// <summary>
/// Issue-13 guards that had no test failing without them (docs/reliability.md): the confounds size limit and the
/// 64-bit voxel-count check of the NIfTI header.
/// </summary>
public sealed class GuardProofTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_confounds_table_over_256_MiB_is_refused_naming_its_size_not_read_into_memory()
    {
        var path = _dir.Path("conf.tsv");
        using (var fs = File.Create(path))
        {
            fs.Write("csf\n1\n"u8);
            fs.SetLength((256L << 20) + 4096); // sparse
        }

        var ex = Assert.Throws<ConfoundsException>(() => ConfoundsReader.Read(path));
        Assert.Equal(ConfoundsErrorKind.Malformed, ex.Kind);
        Assert.Equal("conf.tsv: the file has 256 MiB, more than the 256 MiB a confounds table could need: is it the right file?", ex.Message);
    }

    [Fact]
    public void NIfTI2_dims_whose_product_overflows_64_bits_are_an_invalid_header_not_an_OverflowException()
    {
        var header = new NiftiHeader
        {
            Version = 2,
            Magic = "n+2",
            Dim = [4, 1L << 20, 1L << 20, 1L << 20, 1L << 10, 1, 1, 1],
            DataType = NiftiDataType.UInt8,
            BitPix = 8,
            VoxOffset = 544,
        };
        var path = _dir.Path("wrap.nii");
        using (var fs = File.Create(path))
        {
            fs.Write(NiftiHeaderCodec.Serialize(header));
            fs.Write(new byte[4]);
        }

        var ex = Assert.Throws<NiftiException>(() => NiftiReader.ReadHeader(path));
        Assert.Equal(NiftiErrorKind.InvalidHeader, ex.Kind);
        Assert.Contains("dims 1048576x1048576x1048576x1024 overflow a 64-bit voxel count", ex.Message, StringComparison.Ordinal);
    }
}
